package dev.tandem.access;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** With {@code tandem.auth.enabled}, a socket upgrade without a valid token is refused with HTTP 401. */
@ApplicationScoped
public class AuthUpgradeCheck implements HttpUpgradeCheck {
    private final Bearer bearer;

    public AuthUpgradeCheck(Bearer bearer) {
        this.bearer = bearer;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!bearer.enabled()) return CheckResult.permitUpgrade();
        HttpServerRequest request = context.httpRequest();
        String token = bearer.fromUpgrade(request::getHeader, request.query());
        return Uni.createFrom().item(() -> bearer.verify(token) != null)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(ok -> ok ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(401));
    }
}
