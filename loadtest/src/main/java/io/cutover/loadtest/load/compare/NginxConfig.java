package io.cutover.loadtest.load.compare;

import java.nio.file.Path;

/**
 * The nginx configurations of the comparison: the backend all three targets share, and nginx as
 * the proxy peer. Both run as the current user with every path (pid, logs, temp folders) in the
 * run's temporary folder, so nothing outside it is touched.
 */
final class NginxConfig {

    /** What the simulated platform answers a click with: a redirect and its tracking cookie. */
    static final String CLICK_LOCATION = "https://www.example.com/page?id=6";

    static final String CLICK_COOKIE =
            "aw15532=15532_1795356296_20e5c800bc585168622d49e28dc6e8f9; Path=/; Max-Age=2592000";

    /**
     * How long the backend keeps an idle client connection: longer than the proxies keep theirs to
     * it ({@link Comparison#UPSTREAM_IDLE_TIMEOUT}), so a proxy closes first, as it should.
     */
    static final String BACKEND_KEEP_ALIVE = "75s";

    private NginxConfig() {}

    /**
     * The backend: every click (Awin's {@code cread.php} and the legacy endpoints alike) gets a 302
     * with a Set-Cookie, every pixel and image the 43-byte GIF. No access log: it is not measured.
     */
    static String backend(Path dir, int port, String user) {
        return common(dir, 1, user)
                + """
                http {
                    access_log off;
                %s
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        location / {
                            add_header Set-Cookie "%s" always;
                            return 302 %s;
                        }
                        location ~ (sread\\.img|sale\\.cfm|\\.gif)$ {
                            empty_gif;
                        }
                    }
                }
                """.formatted(httpCommon(dir, BACKEND_KEEP_ALIVE), port, CLICK_COOKIE, CLICK_LOCATION);
    }

    /**
     * nginx as the proxy peer: {@code workers} worker processes, upstream keep-alive to the
     * backend, the access log on and buffered (64 KiB, flushed every second).
     */
    static String proxy(Path dir, int port, int backendPort, int workers, String user) {
        return common(dir, workers, user)
                + """
                http {
                    access_log %s combined buffer=64k flush=1s;
                %s
                    upstream backend {
                        server 127.0.0.1:%d;
                        keepalive 256;
                        keepalive_requests 1000000;
                        keepalive_timeout %s;
                    }
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        location / {
                            proxy_pass http://backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_buffering on;
                        }
                    }
                }
                """.formatted(
                                dir.resolve("proxy-access.log"),
                                httpCommon(dir, "60s"),
                                backendPort,
                                Comparison.UPSTREAM_IDLE_TIMEOUT,
                                port);
    }

    private static String common(Path dir, int workers, String user) {
        // 'user' only matters when the master runs as root: then the workers stay root too, not nobody.
        return (user == null ? "" : "user " + user + ";\n")
                + """
                worker_processes %d;
                daemon off;
                master_process on;
                pid %s;
                error_log %s warn;
                events {
                    worker_connections 16384;
                    multi_accept on;
                }
                """.formatted(workers, dir.resolve("nginx.pid"), dir.resolve("error.log"));
    }

    private static String httpCommon(Path dir, String keepAliveTimeout) {
        return """
                    keepalive_timeout %2$s;
                    keepalive_requests 1000000;
                    client_body_temp_path %1$s;
                    proxy_temp_path %1$s;
                    fastcgi_temp_path %1$s;
                    uwsgi_temp_path %1$s;
                    scgi_temp_path %1$s;
                    server_tokens off;\
                """.formatted(dir.resolve("temp"), keepAliveTimeout);
    }
}
