package io.pipeline.opportunity.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts CRM export files to {@code POST /api/imports} (through the gateway), prints the import's progress until
 * it ends, then its report. No Spring: it is a plain HTTP client, run from the service's jar (README, Import).
 *
 * <p>Exit status: 0 when everything went in, 2 when the import finished with problems (see the report), 1 when
 * nothing went in (rejected, failed, or the request was refused).
 */
public final class ImportCli {

    private static final Set<String> FILE_OPTIONS = Set.of("opportunities", "history", "field-history", "deals", "stages", "owners", "fields", "rates");
    private static final Set<String> QUERY_OPTIONS = Set.of("format", "default-segment", "currency");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USAGE = """
            usage: ImportCli --gateway URL --format SALESFORCE|HUBSPOT|PIPELINE
                     [--opportunities Opportunity.csv] [--history OpportunityHistory.csv]   (SALESFORCE)
                     [--field-history OpportunityFieldHistory.csv]                            (SALESFORCE)
                     [--deals deals.csv]                                              (PIPELINE, HUBSPOT)
                     [--stages stages.csv] [--owners owners.csv] [--rates DatedConversionRate.csv]
                     [--fields fields.csv] [--all-or-nothing]
                     [--default-segment ENTERPRISE|MID_MARKET|SMB] [--currency USD]
                     [--header 'Authorization: Bearer ...'] [--poll-seconds 2]""";

    private final PrintStream out;
    private final Transport http;

    /** Sends a request as built; a test passes its own client (which adds its credentials). */
    interface Transport {
        Reply send(HttpRequest.Builder request) throws IOException, InterruptedException;
    }

    record Reply(int status, String body, String location) {
    }

    ImportCli(PrintStream out, Transport http) {
        this.out = out;
        this.http = http;
    }

    private static Transport overHttp() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return request -> {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        };
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new ImportCli(System.out, overHttp()).run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            status = 1;
        } catch (IOException e) {
            System.err.println("import failed: " + e);
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        System.exit(status);
    }

    int run(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        MultipartBody body = new MultipartBody();
        for (Map.Entry<String, Path> file : options.files().entrySet()) {
            body.file(file.getKey(), file.getValue().getFileName().toString(), file.getValue());
        }
        StringBuilder query = new StringBuilder("?allOrNothing=").append(options.allOrNothing());
        options.query().forEach((name, value) -> query.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        Reply started = http.send(request(options, ImportController.PATH + query)
                .header("Content-Type", body.contentType()).POST(body.publisher()));
        if (started.status() != 202) {
            out.println("refused (" + started.status() + "): " + started.body());
            return 1;
        }
        String location = started.location();
        JsonNode report = JSON.readTree(started.body());
        while (!Set.of("DONE", "REJECTED", "FAILED").contains(report.get("status").asString())) {
            Thread.sleep(options.pollInterval().toMillis());
            report = JSON.readTree(http.send(request(options, location).GET()).body());
            out.printf("%s %s: %d/%d deals, %d events, %d problems, %.1f events/s%n", report.get("importId").asString(),
                    report.get("status").asString(), report.get("dealsDone").asLong(), report.get("dealsRead").asLong(),
                    report.get("eventsRecorded").asLong(), report.get("problemCount").asLong(),
                    report.get("eventsPerSecond").asDouble());
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        if (!"DONE".equals(report.get("status").asString())) {
            return 1;
        }
        return report.get("problemCount").asLong() == 0 ? 0 : 2;
    }

    private static HttpRequest.Builder request(Options options, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.gateway() + path))
                .timeout(Duration.ofMinutes(10));
        options.headers().forEach(request::header);
        return request;
    }

    private record Options(String gateway, Map<String, Path> files, Map<String, String> query, boolean allOrNothing,
                           Map<String, String> headers, Duration pollInterval) {

        static Options parse(String[] args) {
            String gateway = null;
            Map<String, Path> files = new LinkedHashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            Map<String, String> headers = new LinkedHashMap<>();
            boolean allOrNothing = false;
            Duration poll = Duration.ofSeconds(2);
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (option.equals("--all-or-nothing")) {
                    allOrNothing = true;
                    continue;
                }
                if (!option.startsWith("--") || rest.isEmpty()) {
                    throw new IllegalArgumentException("unexpected '" + option + "'");
                }
                String name = option.substring(2);
                String value = rest.remove(0);
                if (FILE_OPTIONS.contains(name)) {
                    Path path = Path.of(value);
                    if (!Files.isReadable(path)) {
                        throw new IllegalArgumentException("cannot read " + path);
                    }
                    // the part is named as the request record's field
                    files.put(name.equals("field-history") ? "fieldHistory" : name, path);
                } else if (QUERY_OPTIONS.contains(name)) {
                    query.put(name.equals("default-segment") ? "defaultSegment" : name, value);
                } else if (name.equals("gateway")) {
                    gateway = value.replaceAll("/+$", "");
                } else if (name.equals("header") && value.contains(":")) {
                    headers.put(value.substring(0, value.indexOf(':')).strip(),
                            value.substring(value.indexOf(':') + 1).strip());
                } else if (name.equals("poll-seconds")) {
                    poll = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                } else {
                    throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (gateway == null || !query.containsKey("format")) {
                throw new IllegalArgumentException("--gateway and --format are required");
            }
            return new Options(gateway, files, query, allOrNothing, headers, poll);
        }
    }
}
