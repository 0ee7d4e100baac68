import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j Community with only the Bolt connector, for local dev and tests.
 *
 * Usage: NexusNeo4j [--port N] [--home DIR]
 *   --port 0 (default) picks a free port.
 *   --home defaults to $NEO4J_HOME_DIR or storage/neo4j (data/ and logs/ live under it).
 * Prints "NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts connections.
 */
public final class NexusNeo4j {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Exit explicitly: threads Neo4j left behind would otherwise keep the JVM alive.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int port = 0;
        String envHome = System.getenv("NEO4J_HOME_DIR");
        Path home = Path.of(envHome != null && !envHome.isEmpty() ? envHome : "storage/neo4j");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }

        DatabaseManagementService dbms = null;
        int boltPort = port;
        // Neo4j could bind port 0 itself, but the routing table (neo4j:// URLs) would then
        // advertise port 0, so pick the port up front and retry if someone grabs it first.
        for (int attempt = 1; dbms == null; attempt++) {
            if (port == 0) {
                boltPort = freePort();
            }
            try {
                dbms = start(home.toAbsolutePath(), boltPort);
            } catch (RuntimeException e) {
                if (port != 0 || attempt >= 3 || !isBindFailure(e)) {
                    throw e;
                }
                System.err.println("Bolt port " + boltPort + " was taken, retrying: " + e);
            }
        }

        DatabaseManagementService started = dbms;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            started.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, boltPort), 5000);
        } catch (IOException e) {
            System.err.println("Bolt port " + boltPort + " not reachable: " + e);
            System.exit(1);
        }

        System.out.println("NEO4J_READY bolt://" + HOST + ":" + boltPort);
        System.out.flush();
        stopped.await();
    }

    private static DatabaseManagementService start(Path home, int boltPort) {
        SocketAddress bolt = new SocketAddress(HOST, boltPort);
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                // Default is to preallocate 256 MiB transaction log files; tests don't need that.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnector.listen_address, bolt)
                // Default would be localhost:7687, which neo4j:// clients would then be routed to.
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Netty's graceful shutdown otherwise idles ~10 s before the process can exit.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
