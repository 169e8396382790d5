package io.hatchetoperator.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.hatchetoperator.operator.api.schema.PodTemplateSchema;

/** A pool of Hatchet workers that the operator runs as one Deployment and scales on the engine's queue. */
@Group(HatchetWorkerPool.GROUP)
@Version(HatchetWorkerPool.VERSION)
@ShortNames("hwp")
@SchemaSwap(originalType = HatchetWorkerPoolSpec.class, fieldName = "template", targetType = PodTemplateSchema.class)
@Categories("hatchet")
@ValidationRule(value = ValidationRules.NAME_LENGTH, message = ValidationRules.NAME_LENGTH_MESSAGE)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".status.desiredReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready pods", jsonPath = ".status.readyReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Queued", jsonPath = ".status.queued", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Busy", jsonPath = ".status.busySlots", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.autoscaling.minReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.autoscaling.maxReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
public class HatchetWorkerPool extends CustomResource<HatchetWorkerPoolSpec, HatchetWorkerPoolStatus>
        implements Namespaced {

    /** The API group of the resource. */
    public static final String GROUP = "hatchet-operator.io";
    /** The served and stored version. */
    public static final String VERSION = "v1alpha1";
}
