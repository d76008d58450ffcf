package com.satrank.bench;

import com.satrank.l402.L402Tokens;
import com.satrank.model.Sha256;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One L402 header checked: base64, macaroon decode, HMAC chain, caveats, sha256(preimage); no LND, no database. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class L402VerifyBench {
    private L402Tokens tokens;
    private String header;
    private Instant now;

    @Setup
    public void token() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        tokens = new L402Tokens(secret, "satrank", "bench");
        byte[] preimage = new byte[32];
        new SecureRandom().nextBytes(preimage);
        now = Instant.now();
        header = "L402 " + tokens.mint(Sha256.of(preimage), new byte[32], 21_000, now.plusSeconds(3600)) + ":"
                + HexFormat.of().formatHex(preimage);
        if (!tokens.verify(header, now).ok()) {
            throw new IllegalStateException("the bench token does not verify");
        }
    }

    @Benchmark
    public boolean verify() {
        return tokens.verify(header, now).ok();
    }
}
