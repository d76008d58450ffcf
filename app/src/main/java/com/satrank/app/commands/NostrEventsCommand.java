package com.satrank.app.commands;

import com.satrank.app.config.SatRankConfiguration;
import com.satrank.db.Database;
import com.satrank.db.Migrations;
import com.satrank.nostr.EventSigner;
import com.satrank.nostr.NostrEvent;
import com.satrank.nostr.NostrKeys;
import com.satrank.nostr.TrustAssertions;
import com.satrank.nostr.db.AssertionQueries;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code nostr-events [config.yml] --dry-run}: prints, one NIP-01 event per line, the signed trust
 * assertions SatRank would publish from the tables as they are: kind 30382 per scored node and kind
 * 30383 per endpoint with stage evidence, created_at = the last pass's event time (so the ids are a
 * function of the tables). Works on a stopped demo's data directory with no config. Signs with
 * NOSTR_PRIVATE_KEY, or with a throwaway key (said on stderr) when it is not set. It only prints:
 * sending is the {@code publisher} process's job, so without --dry-run the command refuses.
 */
public class NostrEventsCommand extends ConfiguredCommand<SatRankConfiguration> {
    public NostrEventsCommand() {
        super("nostr-events", "Print the signed Nostr trust assertions the tables give now (JSON lines)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--dry-run").action(Arguments.storeTrue()).help("print the events; publish nothing");
        subparser.addArgument("--limit").type(Integer.class).setDefault(1000)
                .help("at most this many node and this many endpoint assertions");
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }

    @Override
    protected void run(Bootstrap<SatRankConfiguration> bootstrap, Namespace ns, SatRankConfiguration config) {
        if (!ns.getBoolean("dry_run")) {
            throw new IllegalArgumentException("nostr-events only prints (--dry-run); the publisher process sends them (nostr.publish)");
        }
        int limit = ns.getInt("limit");
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        String secret = System.getenv("NOSTR_PRIVATE_KEY");
        NostrKeys keys;
        if (secret == null || secret.isBlank()) {
            keys = NostrKeys.generate();
            System.err.println("NOSTR_PRIVATE_KEY not set: signing with a throwaway key " + keys.publicKeyHex());
        } else {
            keys = NostrKeys.fromHex(secret.trim());
        }
        List<NostrEvent> events = new ArrayList<>();
        try (Database db = Database.open(config.database(), Path.of(config.dataDir()))) {
            Migrations.migrate(db.url(), db.user(), db.password());
            Jdbi jdbi = Jdbi.create(db.url(), db.user(), db.password());
            EventSigner signer = new EventSigner();
            jdbi.useHandle(h -> {
                long createdAt = AssertionQueries.lastPassSeconds(h);
                var oracle = new AssertionQueries.Oracle(keys.publicKeyHex(), config.nostr().lndPubkey(),
                        config.nostr().contact(), config.nostr().onboardingUrl());
                for (var a : AssertionQueries.current(h, limit, oracle, createdAt)) {
                    events.add(signer.sign(keys, createdAt, a.template().kind(), a.template().tags(), a.template().content()));
                }
            });
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        events.forEach(e -> out.println(e.toJson()));
        out.flush();
        System.err.println(events.size() + " events (" + events.stream().filter(e -> e.kind() == TrustAssertions.NODE_KIND)
                .count() + " nodes, " + events.stream().filter(e -> e.kind() == TrustAssertions.ENDPOINT_KIND).count()
                + " endpoints, " + events.stream().filter(e -> e.kind() == TrustAssertions.E2E_KIND).count()
                + " end-to-end, " + events.stream().filter(e -> e.kind() == TrustAssertions.CALIBRATION_KIND).count()
                + " calibration, 1 announcement), not published");
    }
}
