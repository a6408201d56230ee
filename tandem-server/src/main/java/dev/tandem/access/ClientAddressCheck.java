package dev.tandem.access;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Notes a socket's client address at the upgrade, where the HTTP request still knows it: the connection's
 * own remote address is the TCP peer (the proxy, behind one), whereas the upgrade request applies the
 * trusted-proxy rules of {@code quarkus.http.proxy.*} (see {@link ClientAddress}).
 */
@ApplicationScoped
public class ClientAddressCheck implements HttpUpgradeCheck {
    public static final UserData.TypedKey<String> KEY = new UserData.TypedKey<>("tandem.client-address");

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String address = ClientAddress.of(context.httpRequest());
        if (address != null) context.userData().put(KEY, address);
        return CheckResult.permitUpgrade();
    }
}
