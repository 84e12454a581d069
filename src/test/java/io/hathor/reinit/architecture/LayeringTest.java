package io.hathor.reinit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
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
     * JDBC types and the pool (HikariCP) only in {@code db}: every other class gets a {@code db.Database} and sees
     * database failures as {@code db.DatabaseException}. The demo is exempt, as from the SQL rule above: it plays the
     * sync daemon's part with SQL of its own and ships in its own jar, never in the tool.
     */
    @Test
    void should_use_jdbc_only_in_db() {
        noClasses().that().resideOutsideOfPackages("io.hathor.reinit.db..", "io.hathor.reinit.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..")
                .check(classes);
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
