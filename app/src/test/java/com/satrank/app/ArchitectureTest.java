package com.satrank.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the domain core free of frameworks and the packages free of cycles (STYLE habit 1). */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.satrank");
    }

    @Test
    void domain_core_imports_no_framework() {
        noClasses().that().resideInAnyPackage("com.satrank.model..", "com.satrank.bolt11..", "com.satrank.l402..", "com.satrank.pipeline.scoring..",
                        "com.satrank.pipeline.graph..", "com.satrank.ingest.graph..", "com.satrank.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("net.openhft..", "org.jdbi..", "io.dropwizard..",
                        "jakarta.ws..", "org.glassfish..", "io.grpc..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void only_the_log_adapter_touches_chronicle() {
        noClasses().that().resideOutsideOfPackage("com.satrank.log..")
                .should().dependOnClassesThat().resideInAnyPackage("net.openhft..")
                .check(classes);
    }

    @Test
    void lnd_protobuf_types_stay_in_the_lnd_adapter_and_the_sim() {
        noClasses().that().resideOutsideOfPackages("com.satrank.lndclient..", "com.satrank.lndsim..",
                        "com.satrank.lnd..")
                .should().dependOnClassesThat().resideInAnyPackage("com.satrank.lnd..")
                .check(classes);
    }

    @Test
    void no_package_cycles() {
        slices().matching("com.satrank.(**)").should().beFreeOfCycles().check(classes);
    }
}
