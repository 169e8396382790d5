package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.WorkflowRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The typed API end to end against the dev engine: standalone tasks, DAGs with typed parents, bulk, generics. */
@ExtendWith(DevEngineExtension.class)
class TypedApiTest {
  record Order(String customer, int cents) {}
  record Receipt(String customer, int charged) {}
  record Shipment(String carrier, String forCustomer) {}
  record OrderOutputs(Receipt charge, Shipment ship) {}
  record Item(String sku, int qty) {}

  @Test
  void standaloneTaskRunsSyncAsyncNoWaitAndBulkWithTypedResults(HatchetTestEngine env) throws Exception {
    TaskRef<Order, Receipt> charge = env.hatchet().task("charge", Order.class, Receipt.class,
        (order, ctx) -> new Receipt(order.customer(), order.cents() + 1));
    env.startWorker("typed", 10, charge);

    assertThat(charge.run(new Order("ann", 100))).isEqualTo(new Receipt("ann", 101));
    CompletableFuture<Receipt> async = charge.runAsync(new Order("bob", 5));
    assertThat(async.get(10, TimeUnit.SECONDS)).isEqualTo(new Receipt("bob", 6));
    RunHandle<Receipt> handle = charge.runNoWait(new Order("cy", 7));
    assertThat(handle.runId()).isNotBlank();
    assertThat(handle.result()).isEqualTo(new Receipt("cy", 8));
    assertThat(handle.details().status()).isEqualTo("COMPLETED");
    assertThat(charge.runBulk(List.of(new Order("d", 1), new Order("e", 2), new Order("f", 3))))
        .containsExactly(new Receipt("d", 2), new Receipt("e", 3), new Receipt("f", 4));
    List<RunHandle<Receipt>> handles = charge.runBulkNoWait(List.of(new Order("g", 10), new Order("h", 20)));
    assertThat(handles).extracting(RunHandle::runId).doesNotHaveDuplicates();
    assertThat(handles.get(1).result()).isEqualTo(new Receipt("h", 21));
  }

  @Test
  void dagChildReadsItsParentTypedAndTheWorkflowOutputIsARecordOfTaskOutputs(HatchetTestEngine env) {
    WorkflowRef<Order, OrderOutputs> orders = env.hatchet().workflow("orders", Order.class, OrderOutputs.class);
    TaskRef<Order, Receipt> charge = orders.task("charge", Receipt.class,
        (order, ctx) -> new Receipt(order.customer(), order.cents()));
    TaskRef<Order, Shipment> ship = orders.task("ship", TaskOptions.builder().parents(charge).build(),
        Shipment.class, (order, ctx) -> new Shipment("ups", ctx.parentOutput(charge).customer()));
    env.startWorker("dag", 10, orders);

    OrderOutputs out = orders.run(new Order("dee", 42));

    assertThat(out).isEqualTo(new OrderOutputs(new Receipt("dee", 42), new Shipment("ups", "dee")));
    assertThatThrownBy(() -> ship.run(new Order("x", 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("part of workflow 'orders'");
  }

  @Test
  void genericInputsAndOutputsGoThroughTypeReference(HatchetTestEngine env) {
    TypeReference<Map<String, List<Item>>> baskets = new TypeReference<>() {};
    TaskRef<Map<String, List<Item>>, Map<String, List<Item>>> doubled = env.hatchet().task("double",
        TaskOptions.DEFAULTS, baskets, baskets, (in, ctx) -> Map.of("items",
            in.get("items").stream().map(i -> new Item(i.sku(), i.qty() * 2)).toList()));
    env.startWorker("generic", 2, doubled);

    Map<String, List<Item>> out = doubled.run(Map.of("items", List.of(new Item("a", 1), new Item("b", 5))));

    assertThat(out.get("items")).containsExactly(new Item("a", 2), new Item("b", 10));
  }

  @Test
  void aPluggedObjectMapperShapesInputsAndOutputs(HatchetTestEngine env) {
    Hatchet snake = env.hatchetBuilder().objectMapper(JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()).build();
    record Account(String accountId) {}
    TaskRef<Account, Account> echo = snake.task("snake-echo", Account.class, Account.class, (a, ctx) -> a);
    env.startWorker(snake, "snake", WorkerOptions.slots(2), echo);

    RunHandle<Account> run = echo.runNoWait(new Account("acc-1"));
    assertThat(run.result()).isEqualTo(new Account("acc-1"));
    assertThat(run.details().inputJson()).contains("\"account_id\":\"acc-1\"");
    snake.close();
  }
}
