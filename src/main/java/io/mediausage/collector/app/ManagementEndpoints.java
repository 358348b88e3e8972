package io.mediausage.collector.app;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * Keeps the health endpoints at the exposure level of the configuration ({@code camel.health.exposure-level}).
 * Camel's management server lets any caller raise it per request ({@code ?exposureLevel=full}, which lists every
 * route, that is every source, with its details, and {@code stackTrace}, {@code data}); the endpoints carry no
 * authentication, so such requests are refused here.
 */
final class ManagementEndpoints {

    static final List<String> DETAIL_PARAMETERS = List.of("exposureLevel", "stackTrace", "data");

    private ManagementEndpoints() {
    }

    /** Installs the refusal ahead of Camel's handlers; nothing to do when the management server is off. */
    static void refuseDetailRequests(CamelContext context) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            return;
        }
        server.getRouter().route().order(-1).handler(request -> {
            if (DETAIL_PARAMETERS.stream().anyMatch(parameter -> request.request().getParam(parameter) != null)) {
                request.response().setStatusCode(403).putHeader("content-type", "text/plain")
                        .end("details are not served: " + String.join(", ", DETAIL_PARAMETERS)
                                + " are refused (camel.health.exposure-level sets what the endpoints show)\n");
            } else {
                request.next();
            }
        });
    }
}
