package io.hathor.reinit.architecture;

import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of the production classes (tool and demo, not the tests), enforced on every build. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hathor.reinit");
    }

    @Test
    void should_use_picocli_only_in_cli() {
        noClasses().that().resideOutsideOfPackage("io.hathor.reinit.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void should_use_the_aws_sdk_only_in_lambda() {
        noClasses().that().resideOutsideOfPackage("io.hathor.reinit.lambda..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void should_keep_the_demo_and_the_embedded_database_out_of_the_tool() {
        // The demo's own command line (src/demo/java, package cli) is the one thing allowed to reach into it.
        noClasses().that().resideOutsideOfPackage("io.hathor.reinit.demo..")
                .and().haveSimpleNameNotStartingWith("Demo")
                .should().dependOnClassesThat().resideInAnyPackage("io.hathor.reinit.demo..", "ch.vorburger..")
                .check(classes);
    }

    /**
     * Statements, connections and result sets: SQL runs only in {@code db}. The demo is exempt: it plays the sync
     * daemon's part (writing the chain tables) and ships in its own jar, never in the tool.
     */
    @Test
    void should_run_sql_only_in_db() {
        noClasses().that().resideOutsideOfPackages("io.hathor.reinit.db..", "io.hathor.reinit.demo..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.sql.Connection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.Statement")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.PreparedStatement")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.CallableStatement")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.ResultSet")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager")
                .check(classes);
    }

    /**
     * Classes outside {@code db} that still name a JDBC type: a {@code DataSource} handed through, or an
     * {@code SQLException} in a signature (the demo also runs SQL of its own, see above). Delete each entry once its
     * class no longer needs it; the rule keeps it that way.
     */
    private static final Set<String> JDBC_OUTSIDE_DB_TODAY = Set.of(
            // SQL and connection handling of their own
            "io.hathor.reinit.loader.DirectLoader",
            "io.hathor.reinit.runbook.Checks",
            "io.hathor.reinit.runbook.Cleanup",
            "io.hathor.reinit.demo.SyntheticChain",
            // DataSource or SQLException in their signatures
            "io.hathor.reinit.loader.GapScan",
            "io.hathor.reinit.run.Reinitializer",
            "io.hathor.reinit.run.ShieldedKeysGuard",
            "io.hathor.reinit.runbook.ExportIds",
            "io.hathor.reinit.runbook.Exporter",
            "io.hathor.reinit.runbook.HtrSeeder",
            "io.hathor.reinit.runbook.StatusProbe",
            "io.hathor.reinit.runbook.Verifier",
            "io.hathor.reinit.demo.DemoRun",
            "io.hathor.reinit.cli.CleanupCommand",
            "io.hathor.reinit.cli.ExportCommand",
            "io.hathor.reinit.cli.SeedHtrCommand",
            "io.hathor.reinit.cli.StatusCommand",
            "io.hathor.reinit.cli.VerifyCommand");

    @Test
    void should_use_jdbc_only_in_db() {
        noClasses().that().resideOutsideOfPackage("io.hathor.reinit.db..")
                .and(are(notIn(JDBC_OUTSIDE_DB_TODAY)))
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(classes);
    }

    /** Classes that are not one of {@code names}, nor nested in one. */
    private static DescribedPredicate<JavaClass> notIn(Set<String> names) {
        return DescribedPredicate.describe("not listed as today's exceptions", c -> {
            String name = c.getName();
            int nested = name.indexOf('$');
            return !names.contains(nested < 0 ? name : name.substring(0, nested));
        });
    }

    @Test
    void should_have_no_package_cycles() {
        slices().matching("io.hathor.reinit.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void should_keep_the_retry_policy_free_of_the_tools_other_packages() {
        ArchRuleDefinition.classes().that().resideInAPackage("io.hathor.reinit.retry..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.hathor.reinit.retry..", "java..")
                .check(classes);
    }
}
