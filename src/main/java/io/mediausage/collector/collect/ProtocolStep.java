package io.mediausage.collector.collect;

import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.exchange.UsageExchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.Processor;

/**
 * One step of the call route done by the processor bean of the call's protocol: {@code <protocol><role>}, such as
 * {@code tencentSigning} or {@code huaweiResponseReader}, so a new cloud adds its beans and nothing in the routes.
 * The bean is run as the {@link Processor} it is, never through Camel's bean binding, which may pick another of
 * its methods and leave that method's arguments unbound.
 */
final class ProtocolStep implements Processor {

    private final String role;
    private final Map<String, Processor> byProtocol = new ConcurrentHashMap<>();

    /** @param role what follows the protocol in the bean's name: {@code Signing}, {@code ResponseReader} */
    ProtocolStep(String role) {
        this.role = role;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String protocol = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class).protocol();
        byProtocol.computeIfAbsent(protocol, name -> lookUp(exchange, name + role)).process(exchange);
    }

    private static Processor lookUp(Exchange exchange, String bean) {
        Processor processor = exchange.getContext().getRegistry().lookupByNameAndType(bean, Processor.class);
        if (processor == null) {
            throw new NoSuchBeanException(bean, Processor.class.getName());
        }
        return processor;
    }
}
