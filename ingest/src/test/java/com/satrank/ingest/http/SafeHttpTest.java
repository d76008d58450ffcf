package com.satrank.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard in production mode (loopback not allowed): refused before any byte is sent. */
class SafeHttpTest {
    private final UrlSafety production = new UrlSafety(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "::1", "fc00::1", "fd12:3456::1",
            "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"})
    void forbidden_addresses_are_refused(String literal) throws Exception {
        assertThat(production.allows(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "192.169.0.1"})
    void public_addresses_are_allowed(String literal) throws Exception {
        assertThat(production.allows(InetAddress.getByName(literal))).isTrue();
    }

    @Test
    void requests_to_forbidden_hosts_never_reach_them() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger hits = new AtomicInteger();
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(402, -1);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try (SafeHttp http = new SafeHttp(production, Duration.ofSeconds(1), 4)) {
            for (String url : new String[] {"http://127.0.0.1:" + port + "/x", "http://localhost:" + port + "/x",
                    "http://[::1]:" + port + "/x", "http://10.0.0.1:" + port + "/x", "http://172.16.0.1/x",
                    "http://192.168.0.1/x", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/x",
                    "http://[fc00::1]/x", "http://[::ffff:127.0.0.1]:" + port + "/x"}) {
                SafeHttp.Answer answer = http.request("GET", url, Map.of(), Duration.ofSeconds(1));
                assertThat(answer.failure()).as(url).isEqualTo(SafeHttp.Failure.UNSAFE);
                assertThat(answer.status()).isZero();
            }
            SafeHttp.Answer userinfo = http.request("GET", "http://user:pass@example.com/x", Map.of(), Duration.ofSeconds(1));
            assertThat(userinfo.failure()).isEqualTo(SafeHttp.Failure.UNSAFE);
            assertThat(userinfo.reason()).contains("userinfo");
            assertThat(http.request("GET", "file:///etc/passwd", Map.of(), Duration.ofSeconds(1)).failure())
                    .isEqualTo(SafeHttp.Failure.UNSAFE);
            assertThat(hits).as("nothing reached the loopback server").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void redirects_are_answers_not_followed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger followed = new AtomicInteger();
        server.createContext("/go", exchange -> {
            exchange.getResponseHeaders().add("Location", "/target");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/target", exchange -> {
            followed.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (SafeHttp http = new SafeHttp(new UrlSafety(true), Duration.ofSeconds(1), 4)) {
            var answer = http.request("GET", "http://127.0.0.1:" + server.getAddress().getPort() + "/go", Map.of(),
                    Duration.ofSeconds(2));
            assertThat(answer.status()).isEqualTo(302);
            assertThat(followed).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
