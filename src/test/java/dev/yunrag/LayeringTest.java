package dev.yunrag;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layer table of docs/architecture.md as a test: a change that imports upward fails the build, not a review.
 * Lowest first: ground ({@code model}, {@code text}, {@code config}, {@code util}) imports nothing of ours; the stages
 * never import the vendor adapter ({@code yunwang}) or the composition root ({@code app}); the adapter sees only the
 * ground and the interfaces the stages own; only the edges ({@code api}, {@code cli}, {@code eval}, {@code bench})
 * and the main class build through {@code app}; and no two top-level packages import each other, directly or round
 * a longer loop. Only production classes are checked: tests may reach anywhere to set things up.
 */
class LayeringTest {

    static final String ROOT = "dev.yunrag";
    static final String[] GROUND = {"model", "text", "config", "util"};
    static final String[] STAGES = {"ingest", "embed", "index", "retrieve", "rerank", "answer", "vision"};
    static final String[] IMPORTERS_OF_APP = {"app", "api", "cli", "eval", "bench"};
    static final String MAIN_CLASS = ROOT + ".YunragMain";

    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "text", "config", "util"})
    void groundPackagesImportNothingOfOurs(String ground) {
        noClasses().that().resideInAPackage(tree(ground))
                .should().dependOnClassesThat(ours().and(outside(ground)))
                .because("the ground floor (model, text, config, util) imports nothing of ours")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheEdgesAndTheMainClassImportTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages(trees(IMPORTERS_OF_APP))
                .and().doNotHaveFullyQualifiedName(MAIN_CLASS)
                .should().dependOnClassesThat().resideInAPackage(tree("app"))
                .because("app builds everything; only api, cli, eval, bench and the main class build through it")
                .check(classes);
    }

    @Test
    void stagesImportNeitherTheVendorAdapterNorTheCompositionRoot() {
        noClasses().that().resideInAnyPackage(trees(STAGES))
                .should().dependOnClassesThat().resideInAnyPackage(tree("yunwang"), tree("app"))
                .because("a stage knows its own interfaces, never a vendor package or the composition root")
                .check(classes);
    }

    @Test
    void theVendorAdapterImportsOnlyTheGroundAndTheStageInterfaces() {
        DescribedPredicate<JavaClass> groundOrStageInterface = inAny(GROUND)
                .or(inAny(STAGES).and(JavaClass.Predicates.INTERFACES));
        noClasses().that().resideInAPackage(tree("yunwang"))
                .should().dependOnClassesThat(ours().and(outside("yunwang")).and(DescribedPredicate.not(
                        groundOrStageInterface)).as("classes of ours other than the ground and the stage interfaces"))
                .because("the 云网 adapter implements the interfaces the stages own and sees nothing else of ours")
                .check(classes);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String tree(String pkg) {
        return ROOT + "." + pkg + "..";
    }

    private static String[] trees(String... pkgs) {
        return Arrays.stream(pkgs).map(LayeringTest::tree).toArray(String[]::new);
    }

    private static DescribedPredicate<JavaClass> ours() {
        return JavaClass.Predicates.resideInAPackage(ROOT + "..");
    }

    private static DescribedPredicate<JavaClass> outside(String pkg) {
        return DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(tree(pkg))).as("outside " + pkg);
    }

    private static DescribedPredicate<JavaClass> inAny(String... pkgs) {
        return JavaClass.Predicates.resideInAnyPackage(trees(pkgs));
    }
}
