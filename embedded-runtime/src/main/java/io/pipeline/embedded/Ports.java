package io.pipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Free-port lookup and a readable refusal when a configured port is taken. */
public final class Ports {

    private Ports() {
    }

    /** A port the operating system reports free on the loopback interface right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free local port", e);
        }
    }

    /** The port itself, or a free one when {@code port} is 0. */
    public static int resolve(int port) {
        return port == 0 ? freePort() : port;
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that says which component wanted the port and how to choose another. */
    public static void requireFree(int port, String component, String setting) {
        requireFree(port, component, setting, Duration.ZERO);
    }

    /**
     * As {@link #requireFree(int, String, String)}, once the port stayed taken for {@code grace}: a stack stopped a
     * moment ago (its broker, its services) gives its ports back within seconds.
     */
    public static void requireFree(int port, String component, String setting, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!isFree(port) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!isFree(port)) {
            throw new PortInUseException(
                    "Port " + port + " for " + component + " is already in use. Stop whatever listens on it"
                            + " (e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port with " + setting + ".");
        }
    }

    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(String message) {
            super(message);
        }
    }
}
