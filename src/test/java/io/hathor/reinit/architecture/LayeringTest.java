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
import io.hathor.reinit.db.Database;
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
     * Classes outside {@code db} that still name a JDBC type: the in-process loader, which is being reworked at the
     * same time (it still takes a {@code DataSource} and handles {@code SQLException} of its own). Delete each entry
     * once its class no longer needs it; the rule keeps it that way.
     */
    private static final Set<String> JDBC_OUTSIDE_DB_TODAY = Set.of(
            "io.hathor.reinit.loader.DirectLoader",
            "io.hathor.reinit.loader.GapScan");

    /**
     * JDBC types and the pool (HikariCP) only in {@code db}: every other class gets a {@code db.Database} and sees
     * database failures as {@code db.DatabaseException}. The demo is exempt, as from the SQL rule above: it plays the
     * sync daemon's part with SQL of its own and ships in its own jar, never in the tool.
     */
    @Test
    void should_use_jdbc_only_in_db() {
        noClasses().that().resideOutsideOfPackages("io.hathor.reinit.db..", "io.hathor.reinit.demo..")
                .and(are(notIn(JDBC_OUTSIDE_DB_TODAY)))
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..")
                .check(classes);
    }

    /**
     * The pool behind a {@code Database} goes only to the in-process loader, which still takes a {@code DataSource}:
     * {@code app.Reinit} builds it (and the demo, exempt above, drives it directly).
     */
    @Test
    void should_hand_the_pool_itself_only_to_the_loader() {
        noClasses().that().resideOutsideOfPackages("io.hathor.reinit.db..", "io.hathor.reinit.demo..")
                .and().doNotHaveFullyQualifiedName("io.hathor.reinit.app.Reinit")
                .should().callMethod(Database.class, "dataSource")
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
