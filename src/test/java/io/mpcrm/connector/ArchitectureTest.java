package io.mpcrm.connector;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages point one way (docs/design.md, section 2.2): the gateways to Salesforce and AWS know no feature, the
 * change-set tracking knows no kind of record, the field constants ({@code fields}) know only {@code SObjectField}, and
 * no two packages use each other, directly or through others.
 */
class ArchitectureTest {

    private static final String ROOT = "io.mpcrm.connector";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageIsInACycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("wiring").definedBy(ROOT)
                .layer("settings").definedBy(ROOT + ".settings..")
                .layer("observability").definedBy(ROOT + ".observability..")
                .layer("salesforce").definedBy(ROOT + ".salesforce..")
                .layer("fields").definedBy(ROOT + ".fields..")
                .layer("marketplace").definedBy(ROOT + ".marketplace..")
                .layer("health").definedBy(ROOT + ".health..")
                .layer("replica").definedBy(ROOT + ".replica..")
                .layer("events").definedBy(ROOT + ".events..")
                .layer("request").definedBy(ROOT + ".request..")
                .layer("changeset").definedBy(ROOT + ".changeset..")
                .layer("terms").definedBy(ROOT + ".terms..")
                .layer("eula").definedBy(ROOT + ".eula..")
                .layer("schedule").definedBy(ROOT + ".schedule..")
                .layer("product").definedBy(ROOT + ".product..")
                .layer("agreement").definedBy(ROOT + ".agreement..")
                .layer("sharedresale").definedBy(ROOT + ".sharedresale..")
                .layer("offer").definedBy(ROOT + ".offer..")
                .layer("resale").definedBy(ROOT + ".resale..")
                .layer("agreementoffer").definedBy(ROOT + ".agreementoffer..")
                .layer("channeloffer").definedBy(ROOT + ".channeloffer..")

                .whereLayer("settings").mayNotAccessAnyLayer()
                .whereLayer("observability").mayOnlyAccessLayers("settings")
                .whereLayer("salesforce").mayOnlyAccessLayers("settings", "observability")
                .whereLayer("fields").mayOnlyAccessLayers("salesforce")
                .whereLayer("marketplace").mayOnlyAccessLayers("settings", "observability")
                .whereLayer("health").mayOnlyAccessLayers("settings", "observability", "salesforce", "marketplace")
                .whereLayer("replica").mayOnlyAccessLayers("settings")
                .whereLayer("events").mayOnlyAccessLayers("settings", "observability", "salesforce")
                .whereLayer("request").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "replica", "events")
                .whereLayer("changeset").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "request")
                .whereLayer("terms").mayNotAccessAnyLayer()
                .whereLayer("eula").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "request")
                .whereLayer("schedule").mayOnlyAccessLayers("settings", "salesforce", "fields", "request", "terms")
                .whereLayer("product").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "request")
                .whereLayer("agreement").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "request", "events")
                .whereLayer("sharedresale").mayOnlyAccessLayers("settings", "salesforce", "fields", "marketplace",
                        "request", "terms")
                .whereLayer("offer").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "events", "request", "changeset", "terms", "eula", "schedule", "product",
                        "sharedresale")
                .whereLayer("resale").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "marketplace", "events", "request", "changeset", "terms", "eula", "schedule", "sharedresale",
                        "offer")
                .whereLayer("agreementoffer").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "request", "agreement", "offer")
                .whereLayer("channeloffer").mayOnlyAccessLayers("settings", "observability", "salesforce", "fields",
                        "request", "terms", "sharedresale", "offer")
                .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
                .check(PRODUCTION);
    }
}
