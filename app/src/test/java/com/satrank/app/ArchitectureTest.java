package com.satrank.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules (README, "Architecture"): which module may use which, a domain core free of
 * frameworks, packages free of cycles. Modules are told apart by their packages.
 */
class ArchitectureTest {
    // Packages of each module; generated protobuf/gRPC code lives in schemas.
    private static final String[] SCHEMAS = {"com.satrank.model..", "com.satrank.log..", "com.satrank.graph..",
        "com.satrank.bolt11..", "com.satrank.runtime..", "com.satrank.events..", "com.satrank.lnd..",
        "com.satrank.sim.."};
    private static final String STORE = "com.satrank.db..";
    private static final String LND_CLIENT = "com.satrank.lndclient..";
    private static final String LND_SIM = "com.satrank.lndsim..";
    private static final String INGEST = "com.satrank.ingest..";
    private static final String PIPELINE = "com.satrank.pipeline..";
    private static final String[] SERVING = {"com.satrank.serving..", "com.satrank.l402..", "com.satrank.reports..",
        "com.satrank.decision.."};
    private static final String APP = "com.satrank.app..";

    private static final String[] FRAMEWORKS = {"net.openhft..", "org.jdbi..", "io.dropwizard..", "jakarta..",
        "org.glassfish..", "io.grpc..", "org.eclipse.jetty..", "com.fasterxml.jackson..", "org.flywaydb..",
        "org.postgresql..", "io.zonky..", "com.codahale.metrics..", "io.prometheus.."};

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        // test jars of other modules are on this module's test class path: not production code
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.satrank");
    }

    @Test
    void each_module_is_used_only_by_the_modules_above_it_and_only_app_uses_them_all() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("schemas").definedBy(SCHEMAS)
                .layer("store").definedBy(STORE)
                .layer("lnd-client").definedBy(LND_CLIENT)
                .layer("lnd-sim").definedBy(LND_SIM)
                .layer("ingest").definedBy(INGEST)
                .layer("pipeline").definedBy(PIPELINE)
                .layer("serving").definedBy(SERVING)
                .layer("app").definedBy(APP)
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("serving").mayOnlyBeAccessedByLayers("app")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("app")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("app")
                .whereLayer("lnd-sim").mayOnlyBeAccessedByLayers("app")
                .whereLayer("lnd-client").mayOnlyBeAccessedByLayers("lnd-sim", "ingest", "serving", "app")
                .whereLayer("store").mayOnlyBeAccessedByLayers("pipeline", "serving", "app")
                .check(classes);
    }

    @Test
    void serving_imports_nothing_from_pipeline_or_ingest() {
        noClasses().that().resideInAnyPackage(SERVING)
                .should().dependOnClassesThat().resideInAnyPackage(PIPELINE, INGEST, LND_SIM, APP)
                .check(classes);
    }

    @Test
    void production_code_never_uses_the_simulated_lnd() {
        // app composes lnd-sim into the demo and the lnd-sim command; nothing else may reach it
        noClasses().that().resideOutsideOfPackages(LND_SIM, APP)
                .should().dependOnClassesThat().resideInAPackage(LND_SIM)
                .check(classes);
    }

    @Test
    void schemas_and_ingest_never_touch_a_database() {
        noClasses().that().resideInAnyPackage(SCHEMAS).or().resideInAPackage(INGEST)
                .should().dependOnClassesThat().resideInAnyPackage(STORE, "org.flywaydb..", "org.postgresql..",
                        "io.zonky..", "org.jdbi..", "java.sql..")
                .check(classes);
    }

    @Test
    void domain_core_imports_no_framework() {
        noClasses().that().resideInAnyPackage("com.satrank.model..", "com.satrank.bolt11..", "com.satrank.l402..",
                        "com.satrank.graph..", "com.satrank.decision..", "com.satrank.pipeline.scoring..",
                        "com.satrank.pipeline.evidence..", "com.satrank.pipeline.graph..")
                .or().haveFullyQualifiedName("com.satrank.pipeline.ScoringFold")
                .or().haveFullyQualifiedName("com.satrank.pipeline.PassPlanner")
                .or().haveFullyQualifiedName("com.satrank.reports.ReportProof")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
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
        noClasses().that().resideOutsideOfPackages(LND_CLIENT, LND_SIM, "com.satrank.lnd..")
                .should().dependOnClassesThat().resideInAnyPackage("com.satrank.lnd..")
                .check(classes);
    }

    @Test
    void no_package_cycles() {
        slices().matching("com.satrank.(**)").should().beFreeOfCycles().check(classes);
    }
}
