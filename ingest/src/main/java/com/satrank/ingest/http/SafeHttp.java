package com.satrank.ingest.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Every outbound HTTP request to services and registries goes through here. The URL's shape is
 * checked first; the host's addresses are checked when the connection is made (the resolver the
 * client connects with refuses a name that resolves to a forbidden address, so a DNS answer cannot
 * change between check and connect). Redirects are never followed: a 3xx is an answer. Bodies are
 * read up to 64 KiB. Apache HttpClient 5 does the HTTP; no system proxy is used.
 */
public final class SafeHttp implements Closeable {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Why a request got no HTTP answer. */
    public enum Failure {
        NONE, UNSAFE, UNREACHABLE
    }

    /** One answer: status (0 without one), headers by lower-case name (first value), body text, latency. */
    public record Answer(int status, Map<String, String> headers, String body, long latencyMs, Failure failure,
                         String reason) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Thrown by the resolver for a forbidden address; an UnknownHostException so the client gives up at once. */
    static final class UnsafeAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        UnsafeAddressException(String message) {
            super(message);
        }
    }

    private final UrlSafety safety;
    private final CloseableHttpClient client;

    public SafeHttp(UrlSafety safety, Duration connectTimeout, int maxConnections) {
        this.safety = safety;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = InetAddress.getAllByName(host);
                for (InetAddress address : addresses) {
                    if (!safety.allows(address)) {
                        throw new UnsafeAddressException(host + " resolves to a forbidden address " + address.getHostAddress());
                    }
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return resolve(host)[0].getCanonicalHostName();
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofMilliseconds(connectTimeout.toMillis())).build())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(Math.max(2, maxConnections / 4))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    public UrlSafety safety() {
        return safety;
    }

    /** {@code method} (POST sends {@code {}}) to {@code url} with {@code headers}; never throws for network trouble. */
    public Answer request(String method, String url, Map<String, String> headers, Duration timeout) {
        String refused = safety.refuseUrl(url);
        if (refused != null) {
            return new Answer(0, Map.of(), "", 0, Failure.UNSAFE, refused);
        }
        long started = System.nanoTime();
        try {
            ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(URI.create(url));
            headers.forEach(builder::addHeader);
            if (method.equals("POST")) {
                builder.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
            }
            var request = builder.build();
            var config = RequestConfig.custom()
                    .setResponseTimeout(Timeout.ofMilliseconds(timeout.toMillis()))
                    .setConnectionRequestTimeout(Timeout.ofMilliseconds(timeout.toMillis()))
                    .setRedirectsEnabled(false)
                    .build();
            var context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
            context.setRequestConfig(config);
            return client.execute(request, context, response -> {
                Map<String, String> byName = new HashMap<>();
                for (Header h : response.getHeaders()) {
                    byName.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
                }
                String body = "";
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
                    }
                }
                return new Answer(response.getCode(), byName, body, elapsedMs(started), Failure.NONE, "");
            });
        } catch (IOException | RuntimeException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof UnsafeAddressException) {
                    return new Answer(0, Map.of(), "", elapsedMs(started), Failure.UNSAFE, cause.getMessage());
                }
                cause = cause.getCause();
            }
            return new Answer(0, Map.of(), "", elapsedMs(started), Failure.UNREACHABLE, String.valueOf(e.getMessage()));
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }
}
