package io.hatchetoperator.worker.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension ({@code @ExtendWith(DevEngineExtension.class)}): one {@link HatchetTestEngine} per test
 * class, injected into constructors, {@code @BeforeAll}, {@code @BeforeEach} and test methods; the workers a
 * test started are killed after it, the engine is closed after the class.
 */
public final class DevEngineExtension implements ParameterResolver, AfterEachCallback {
  private static final Namespace NAMESPACE = Namespace.create(DevEngineExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HatchetTestEngine.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return engine(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    HatchetTestEngine engine = classStore(context).get(HatchetTestEngine.class, HatchetTestEngine.class);
    if (engine != null) {
      engine.killWorkers();
    }
  }

  private static HatchetTestEngine engine(ExtensionContext context) {
    return classStore(context).computeIfAbsent(HatchetTestEngine.class, k -> new HatchetTestEngine(),
        HatchetTestEngine.class);
  }

  /** The store of the test class, so one engine serves all its tests and is closed (AutoCloseable) after them. */
  private static ExtensionContext.Store classStore(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c.getStore(NAMESPACE);
  }
}
