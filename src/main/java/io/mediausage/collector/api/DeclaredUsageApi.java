package io.mediausage.collector.api;

import java.util.List;
import java.util.Objects;

/** An API whose name and own parameters (its contract) are declared once, as it is built. */
public abstract class DeclaredUsageApi implements UsageApi {

    private final String name;
    private final List<TemplateParameter> parameters;

    protected DeclaredUsageApi(String name, List<TemplateParameter> parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<TemplateParameter> templateParameters() {
        return parameters;
    }
}
