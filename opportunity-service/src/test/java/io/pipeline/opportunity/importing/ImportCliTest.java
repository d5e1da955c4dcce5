package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.HttpJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CLI against the running service: posts the files, follows the import, prints the report, exits by outcome. */
class ImportCliTest extends HttpTestBase {

    @Test
    void theCliImportsTheSalesforceExampleAndExitsZeroWhenEverythingWentIn() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = cli(printed).run(new String[]{
                "--gateway", "http://127.0.0.1:" + port, "--format", "SALESFORCE", "--poll-seconds", "0.2",
                "--opportunities", example("salesforce/Opportunity.csv"), "--history",
                example("salesforce/OpportunityHistory.csv"), "--stages", example("salesforce/stages.csv"),
                "--owners", example("salesforce/owners.csv")});

        assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("\"status\" : \"DONE\"", "\"dealsRead\" : 2");
    }

    @Test
    void theCliExitsOneAndPrintsTheProblemWhenTheServiceRefusesTheRequest() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = cli(printed).run(new String[]{
                "--gateway", "http://127.0.0.1:" + port, "--format", "SALESFORCE",
                "--opportunities", example("salesforce/Opportunity.csv")});

        assertThat(status).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("refused (400)").contains("stages");
    }

    /** The CLI over the test's client, which carries the test's credentials as the CLI's --header would. */
    private ImportCli cli(ByteArrayOutputStream printed) {
        return new ImportCli(new PrintStream(printed, true, StandardCharsets.UTF_8), request -> {
            HttpJson.Response response = http.send(request);
            return new ImportCli.Reply(response.status(), response.body(), response.header("Location"));
        });
    }

    private static String example(String name) throws URISyntaxException {
        return Path.of(ImportCliTest.class.getResource("/import-examples/" + name).toURI()).toString();
    }
}
