package io.mediausage.collector.api;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The APIs the collector knows: every {@link UsageApi} listed in {@code META-INF/services/}, in the order listed.
 * Everything that is done per API (route templates, configuration keys, the reference tables, the tests) iterates
 * this one list, so an API is added by its class and one line there.
 */
public final class UsageApis {

    private static final List<UsageApi> ALL = ServiceLoader.load(UsageApi.class, UsageApi.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private UsageApis() {
    }

    public static List<UsageApi> all() {
        return ALL;
    }

    /** Their names, which are also their route template ids and the {@code <api>} of {@code usage.<api>.*}. */
    public static List<String> names() {
        return ALL.stream().map(UsageApi::name).toList();
    }
}
