package io.hatchetoperator.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.DispatcherOuterClass;
import io.hatchetoperator.proto.events.EventsOuterClass;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.Condition;
import io.hatchetoperator.proto.v1.Trigger;
import io.hatchetoperator.proto.workflows.WorkflowServiceGrpc;
import io.hatchetoperator.proto.workflows.Workflows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fails when a contract drifts from Hatchet's: every method path, field number, type and label, and every enum
 * value of the protos is compared with the golden table in {@code wire-contract.golden}, written from
 * docs/hatchet-protocol.md §2–§3.4 (+ {@code AssignedAction.task_inserted_at = 29}, §9).
 */
class WireContractTest {

    private static final List<FileDescriptor> FILES = List.of(
            DispatcherOuterClass.getDescriptor(),
            io.hatchetoperator.proto.v1.Workflows.getDescriptor(),
            Trigger.getDescriptor(),
            Condition.getDescriptor(),
            io.hatchetoperator.proto.v1.Dispatcher.getDescriptor(),
            Workflows.getDescriptor(),
            EventsOuterClass.getDescriptor());

    @Test
    void everyMethodFieldAndEnumValueMatchesTheGoldenTable() throws IOException {
        List<String> golden = golden();
        List<String> actual = WireContractTable.describe(FILES);

        assertThat(actual)
                .as("wire contract drifted; fix the .proto (never the golden table) unless Hatchet changed")
                .containsExactlyInAnyOrderElementsOf(golden);
    }

    @Test
    void protoPackagesAreHatchets() {
        assertThat(DispatcherOuterClass.getDescriptor().getPackage()).isEmpty();
        assertThat(Workflows.getDescriptor().getPackage()).isEmpty();
        assertThat(EventsOuterClass.getDescriptor().getPackage()).isEmpty();
        assertThat(io.hatchetoperator.proto.v1.Workflows.getDescriptor().getPackage()).isEqualTo("v1");
        assertThat(Trigger.getDescriptor().getPackage()).isEqualTo("v1");
        assertThat(Condition.getDescriptor().getPackage()).isEqualTo("v1");
        assertThat(io.hatchetoperator.proto.v1.Dispatcher.getDescriptor().getPackage()).isEqualTo("v1");
    }

    @Test
    void generatedStubsUseHatchetsFullMethodNames() {
        assertThat(DispatcherGrpc.getListenV2Method().getFullMethodName()).isEqualTo("Dispatcher/ListenV2");
        assertThat(DispatcherGrpc.getRegisterMethod().getFullMethodName()).isEqualTo("Dispatcher/Register");
        assertThat(DispatcherGrpc.getSubscribeToWorkflowRunsMethod().getFullMethodName())
                .isEqualTo("Dispatcher/SubscribeToWorkflowRuns");
        assertThat(AdminServiceGrpc.getPutWorkflowMethod().getFullMethodName()).isEqualTo("v1.AdminService/PutWorkflow");
        assertThat(WorkflowServiceGrpc.getTriggerWorkflowMethod().getFullMethodName())
                .isEqualTo("WorkflowService/TriggerWorkflow");
        assertThat(EventsServiceGrpc.getPushMethod().getFullMethodName()).isEqualTo("EventsService/Push");
        assertThat(io.hatchetoperator.proto.v1.V1DispatcherGrpc.getDurableTaskMethod().getFullMethodName())
                .isEqualTo("v1.V1Dispatcher/DurableTask");
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = WireContractTest.class.getResourceAsStream("/wire-contract.golden")) {
            assertThat(in).as("wire-contract.golden on the test classpath").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n"))
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }
}
