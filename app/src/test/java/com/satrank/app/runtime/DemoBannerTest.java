package com.satrank.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

class DemoBannerTest {
    @Test
    void the_lnd_sim_pay_hint_names_the_sims_actual_port_and_directory_and_the_api_key() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            DemoBanner.print(new Server(), 10123, Path.of("/srv/demo/data/lnd-sim"), "my-demo-key");
        } finally {
            System.setOut(out);
        }
        String banner = printed.toString(StandardCharsets.UTF_8);
        assertThat(banner).contains("lnd-sim --port 10123 --dir /srv/demo/data/lnd-sim pay <invoice>")
                .contains("X-API-Key: my-demo-key");
    }
}
