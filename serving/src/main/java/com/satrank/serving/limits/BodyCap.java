package com.satrank.serving.limits;

import com.satrank.serving.api.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies are capped: a declared Content-Length above the cap is refused before reading, and
 * a body without one (chunked) stops being read at the cap. Either way a 413 PAYLOAD_TOO_LARGE,
 * whichever reader (Jackson, a String) consumes the body: mappers look for these failures in the
 * cause chain, since readers wrap what the stream throws. A body the server cannot read at all
 * (a Content-Encoding that does not match the bytes, broken chunked framing, a client that
 * vanishes) is the client's fault: 400 MALFORMED_REQUEST, never a 500.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class BodyCap implements ContainerRequestFilter {
    private final long maxBytes;

    public BodyCap(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        boolean hasEntity;
        try {
            hasEntity = request.hasEntity(); // reads ahead, so an undecodable body fails here
        } catch (ProcessingException e) {
            throw unreadable();
        }
        if (hasEntity) {
            request.setEntityStream(new Bounded(request.getEntityStream()));
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", "Request body exceeds " + maxBytes + " bytes");
    }

    private static ApiException unreadable() {
        return new ApiException(400, "MALFORMED_REQUEST",
                "Request body could not be read: check Content-Encoding and Transfer-Encoding");
    }

    private final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            int b;
            try {
                b = super.read();
            } catch (IOException | RuntimeException e) {
                throw unreadable();
            }
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                throw unreadable();
            }
            count(Math.max(0, n));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
