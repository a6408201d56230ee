package dev.tandem.deployment;

import dev.tandem.RepoFiles;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs here, so the Kubernetes manifests in deployment/kubernetes are checked against the
 * Kubernetes model (fabric8): every document parses into its typed class with no field the model does not
 * know (strict: fabric8 keeps unknown fields in {@code additionalProperties}, which must stay empty), and
 * the pieces fit together: selectors, ports, probes, env keys, discovery.
 */
class DeploymentManifestsTest {

    static final Path DIR = RepoFiles.path("deployment/kubernetes");
    static final Set<String> HEALTH_PATHS = Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started");
    /** Not Tandem configuration, but legitimate in a Tandem container's environment. */
    static final Set<String> OTHER_ENV = Set.of(
            "JAVA_OPTS",      // deployment/docker-entrypoint.sh
            "POD_NAMESPACE",  // used to build the service DNS name
            "DOCKER_HOST");   // docker-java's engine address (docs/sandbox.md)

    static final Map<String, List<HasMetadata>> byFile = new java.util.TreeMap<>();
    static final List<HasMetadata> all = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) continue;
                List<HasMetadata> docs = new ArrayList<>();
                for (String doc : documents(file)) {
                    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
                    assertThat(parsed).as("%s: a Kubernetes resource", file).isInstanceOf(HasMetadata.class);
                    assertThat(parsed).as("%s: a kind the model knows (not a generic resource)", file)
                            .isNotInstanceOf(GenericKubernetesResource.class);
                    List<String> unknown = new ArrayList<>();
                    unknownFields(parsed, ((HasMetadata) parsed).getKind(), unknown);
                    assertThat(unknown).as("%s: fields the Kubernetes model does not know", file).isEmpty();
                    docs.add((HasMetadata) parsed);
                }
                byFile.put(file.getFileName().toString(), docs);
                if (!file.getFileName().toString().endsWith("-patch.yaml")) all.addAll(docs);
            }
        }
    }

    @Test
    void everyManifestParsesStrictlyAndTheKustomizationListsThemAll() throws IOException {
        assertThat(all).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                "Deployment", "Deployment", "HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "Ingress", "Namespace", "NetworkPolicy",
                "PodDisruptionBudget", "PodDisruptionBudget", "Service", "Service", "ServiceAccount");
        for (HasMetadata r : all) {
            assertThat(r.getApiVersion()).as("apiVersion of %s", r.getKind()).isNotBlank();
            assertThat(r.getMetadata().getName()).as("name of a %s", r.getKind()).isNotBlank();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> kustomization = Serialization.unmarshal(
                Files.newInputStream(DIR.resolve("kustomization.yaml")), Map.class);
        assertThat(kustomization).containsEntry("kind", "Kustomization");
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");
        Set<String> expected = byFile.keySet().stream().filter(f -> !f.endsWith("-patch.yaml")).collect(Collectors.toSet());
        assertThat(resources).containsExactlyInAnyOrderElementsOf(expected);
        Namespace namespace = one(Namespace.class);
        assertThat(kustomization).containsEntry("namespace", namespace.getMetadata().getName());
    }

    @Test
    void headlessServiceDiscoversEveryMemberIncludingNotReadyOnes() {
        Service headless = service("tandem-hazelcast");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(5701);
        for (Deployment d : deployments()) {
            assertThat(matches(headless.getSpec().getSelector(), podLabels(d)))
                    .as("the headless service selects the pods of %s (all are Hazelcast members)", name(d)).isTrue();
            assertThat(portExists(tandem(d), headless.getSpec().getPorts().get(0).getTargetPort())).isTrue();
            assertThat(env(tandem(d), "TANDEM_CLUSTER_KUBERNETES_SERVICE_DNS"))
                    .as("%s joins by DNS lookup of the headless service", name(d))
                    .startsWith("tandem-hazelcast.$(POD_NAMESPACE).svc.");
            assertThat(tandem(d).getEnv()).extracting(EnvVar::getName)
                    .as("$(POD_NAMESPACE) is defined before it is used").startsWith("POD_NAMESPACE");
            assertThat(tandem(d).getEnv()).extracting(EnvVar::getName).doesNotContain("TANDEM_CLUSTER_MEMBERS");
        }
    }

    @Test
    void clientServiceAndIngressReachTheGatewaysOnly() {
        Service client = service("tandem");
        assertThat(client.getSpec().getClusterIP()).isNotEqualTo("None");
        assertThat(matches(client.getSpec().getSelector(), podLabels(deployment("tandem-gateway")))).isTrue();
        assertThat(matches(client.getSpec().getSelector(), podLabels(deployment("tandem-worker"))))
                .as("workers get no client traffic").isFalse();
        for (ServicePort port : client.getSpec().getPorts()) {
            assertThat(portExists(tandem(deployment("tandem-gateway")), port.getTargetPort())).isTrue();
        }

        Ingress ingress = one(Ingress.class);
        List<IngressServiceBackend> backends = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream()).map(p -> p.getBackend().getService()).toList();
        assertThat(backends).isNotEmpty();
        for (IngressServiceBackend backend : backends) {
            assertThat(backend.getName()).isEqualTo("tandem");
            assertThat(client.getSpec().getPorts()).anyMatch(p -> Objects.equals(p.getName(), backend.getPort().getName())
                    || Objects.equals(p.getPort(), backend.getPort().getNumber()));
        }
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(annotations).as("non-sticky by default").doesNotContainKey("nginx.ingress.kubernetes.io/upstream-hash-by");

        Ingress sticky = (Ingress) byFile.get("ingress-sticky-patch.yaml").get(0);
        assertThat(sticky.getMetadata().getName()).isEqualTo(ingress.getMetadata().getName());
        assertThat(sticky.getMetadata().getAnnotations()).containsKey("nginx.ingress.kubernetes.io/upstream-hash-by");
    }

    @Test
    void workloadsHaveProbesResourcesDrainingAndKnownConfiguration() throws IOException {
        Set<String> known = knownEnvironmentVariables();
        assertThat(known).contains("TANDEM_CLUSTER_KUBERNETES_SERVICE_DNS", "TANDEM_CLUSTER_NAME", "QUARKUS_HTTP_PORT");
        ServiceAccount account = one(ServiceAccount.class);
        for (Deployment d : deployments()) {
            assertThat(matches(d.getSpec().getSelector().getMatchLabels(), podLabels(d)))
                    .as("%s: selector matches its pod labels", name(d)).isTrue();
            assertThat(d.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
            assertThat(pod.getTerminationGracePeriodSeconds()).as("%s: time to drain", name(d)).isBetween(30L, 300L);

            Container tandem = tandem(d);
            assertThat(tandem.getPorts()).extracting(ContainerPort::getContainerPort).contains(8080, 5701);
            assertProbe(d, tandem.getLivenessProbe(), "/q/health/live");
            assertProbe(d, tandem.getReadinessProbe(), "/q/health/ready");
            if (tandem.getStartupProbe() != null) assertProbe(d, tandem.getStartupProbe(), "/q/health/started");
            for (Container c : pod.getContainers()) {
                assertThat(c.getResources().getRequests()).as("%s/%s requests", name(d), c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as("%s/%s memory limit", name(d), c.getName()).containsKey("memory");
                Quantity request = c.getResources().getRequests().get("memory");
                Quantity limit = c.getResources().getLimits().get("memory");
                assertThat(Quantity.getAmountInBytes(request)).isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
            }
            for (EnvVar var : tandem.getEnv()) {
                assertThat(known.contains(var.getName()) || OTHER_ENV.contains(var.getName()))
                        .as("%s: env %s is a key Tandem knows (docs/configuration.md)", name(d), var.getName()).isTrue();
            }
            assertThat(tandem.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        }
        assertThat(env(tandem(deployment("tandem-gateway")), "TANDEM_NODE_ROLES")).isEqualTo("gateway");
        assertThat(env(tandem(deployment("tandem-worker")), "TANDEM_NODE_ROLES")).isEqualTo("worker");
    }

    /**
     * Attack (issue 13 item 9): any pod that reached the Hazelcast port could join the cluster and read every
     * document. The member port must be open to Tandem's pods only, and no rule may open every port.
     */
    @Test
    void theMemberPortIsOpenToTandemPodsOnly() {
        io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy =
                one(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        var spec = policy.getSpec();
        assertThat(spec.getPolicyTypes()).contains("Ingress");
        for (Deployment d : deployments()) {
            assertThat(matches(spec.getPodSelector().getMatchLabels(), podLabels(d))).as("%s is covered", name(d)).isTrue();
        }
        boolean memberPortRule = false;
        for (var rule : spec.getIngress()) {
            assertThat(rule.getPorts()).as("a rule without ports opens every port").isNotEmpty();
            boolean opensMemberPort = rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 5701);
            if (!opensMemberPort) continue;
            memberPortRule = true;
            assertThat(rule.getFrom()).as("the member port from anywhere").isNotEmpty();
            for (var peer : rule.getFrom()) {
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "tandem");
            }
        }
        assertThat(memberPortRule).as("a rule lets the members reach each other").isTrue();
    }

    /**
     * Attack (issue 13 item 9): a hole in the HTTP/WebSocket side of a node that mounts the host's Docker
     * socket is root on the host. In compose only the runner (no client traffic) mounts it. Checked on the
     * file's text, block by block, because YAML merge keys ({@code <<:}) hide mounts from a plain map view.
     */
    @Test
    void inComposeOnlyTheRunnerMountsTheDockerSocket() throws IOException {
        String compose = Files.readString(RepoFiles.path("deployment/compose.yaml"));
        Map<String, String> blocks = new java.util.LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : compose.split("\n")) {
            Matcher top = Pattern.compile("^(x-[a-z-]+|  [a-z0-9-]+):.*").matcher(line);
            if (top.matches() && !line.startsWith("   ")) {
                if (current != null) blocks.put(current, text.toString());
                current = top.group(1).trim();
                text.setLength(0);
            }
            if (!line.strip().startsWith("#")) text.append(line).append('\n');
        }
        if (current != null) blocks.put(current, text.toString());
        assertThat(blocks).containsKeys("x-tandem-node", "tandem-1", "tandem-2", "tandem-3", "runner", "lb");
        blocks.forEach((name, block) -> {
            if (name.equals("runner")) {
                assertThat(block).contains("/var/run/docker.sock:/var/run/docker.sock").contains("TANDEM_NODE_ROLES: worker");
            } else {
                assertThat(block).as("%s mounts no Docker socket", name).doesNotContain("docker.sock");
            }
            if (name.startsWith("tandem-")) assertThat(block).contains("TANDEM_NODE_ROLES: gateway");
        });
    }

    /** Runner-only pods are lite members (no partitions: they hold none of the sessions' data). */
    @Test
    void runnerOnlyPodsAreLiteMembers() {
        assertThat(env(tandem(deployment("tandem-worker")), "TANDEM_NODE_ROLES")).isEqualTo("worker");
        var roles = new dev.tandem.run.NodeRoles() {
            public java.util.List<String> roles() { return java.util.List.of("worker"); }
        };
        assertThat(roles.liteMember()).isTrue();
        var both = new dev.tandem.run.NodeRoles() {
            public java.util.List<String> roles() { return java.util.List.of("gateway", "worker"); }
        };
        assertThat(both.liteMember()).isFalse();
    }

    @Test
    void runnerPodsReachTheirOwnDockerEngineThroughASharedSocket() {
        Deployment worker = deployment("tandem-worker");
        PodSpec pod = worker.getSpec().getTemplate().getSpec();
        Container dind = pod.getContainers().stream().filter(c -> c.getName().equals("dind")).findFirst().orElseThrow();
        assertThat(dind.getSecurityContext().getPrivileged()).as("Docker-in-Docker needs privileged").isTrue();
        String dockerHost = env(tandem(worker), "DOCKER_HOST");
        assertThat(dockerHost).startsWith("unix://");
        String socketDir = Path.of(dockerHost.substring("unix://".length())).getParent().toString();
        assertThat(dind.getArgs()).contains("--host=" + dockerHost);
        String volume = mountAt(tandem(worker), socketDir);
        assertThat(volume).as("the tandem container mounts the socket directory").isNotNull();
        assertThat(mountAt(dind, socketDir)).as("the same volume in the sidecar").isEqualTo(volume);
        assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals(volume) && v.getEmptyDir() != null);
        assertThat(tandem(worker).getSecurityContext().getPrivileged()).as("only the sidecar is privileged").isNotEqualTo(Boolean.TRUE);
        Deployment gateway = deployment("tandem-gateway");
        assertThat(gateway.getSpec().getTemplate().getSpec().getContainers()).as("gateways run no engine").hasSize(1);
    }

    @Test
    void disruptionBudgetsAndAutoscalersTargetTheWorkloads() {
        List<PodDisruptionBudget> pdbs = of(PodDisruptionBudget.class);
        for (Deployment d : deployments()) {
            assertThat(pdbs).as("a PDB selects the pods of %s", name(d))
                    .anyMatch(p -> matches(p.getSpec().getSelector().getMatchLabels(), podLabels(d)));
        }
        for (PodDisruptionBudget pdb : pdbs) {
            assertThat(deployments()).as("PDB %s selects some workload", name(pdb))
                    .anyMatch(d -> matches(pdb.getSpec().getSelector().getMatchLabels(), podLabels(d)));
            assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        }
        for (HorizontalPodAutoscaler hpa : of(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            Deployment d = deployment(target.getName());
            assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMinReplicas()).as("HPA %s keeps at least 2 members", name(hpa)).isGreaterThanOrEqualTo(2);
            assertThat(d.getSpec().getTemplate().getSpec().getContainers())
                    .as("CPU utilisation needs CPU requests").allMatch(c -> c.getResources().getRequests().containsKey("cpu"));
            assertThat(hpa.getSpec().getBehavior().getScaleDown().getPolicies())
                    .as("scale down one member at a time").allMatch(p -> p.getType().equals("Pods") && p.getValue() == 1);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** The documents of a YAML file (split at {@code ---} lines), without comment-only ones. */
    static List<String> documents(Path file) throws IOException {
        List<String> docs = new ArrayList<>();
        for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
            boolean content = doc.lines().anyMatch(l -> !l.isBlank() && !l.trim().startsWith("#"));
            if (content) docs.add(doc);
        }
        return docs;
    }

    /** Paths of every value fabric8 kept as an unknown field ({@code additionalProperties}). */
    static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Quantity || value instanceof IntOrString) return;
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) unknownFields(item, path + "[" + i++ + "]", unknown);
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) return;
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) continue;
            String n = m.getName();
            if (!n.startsWith("get") || n.equals("getClass")) continue;
            Object child;
            try {
                child = m.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (n.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                unknownFields(child, path + "." + decapitalize(n.substring(3)), unknown);
            }
        }
    }

    static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Environment variable names of the keys in docs/configuration.md's table. */
    static Set<String> knownEnvironmentVariables() throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*`([a-z0-9.\\-]+)`\\s*\\|").matcher(Files.readString(RepoFiles.path("docs/configuration.md")));
        while (m.find()) names.add(m.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return names;
    }

    static void assertProbe(Deployment d, Probe probe, String expectedPath) {
        assertThat(probe).as("%s: probe on %s", name(d), expectedPath).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isIn(HEALTH_PATHS).isEqualTo(expectedPath);
        assertThat(portExists(tandem(d), probe.getHttpGet().getPort())).as("%s: probe port", name(d)).isTrue();
    }

    static boolean portExists(Container c, IntOrString port) {
        return c.getPorts().stream().anyMatch(p -> port.getIntVal() != null
                ? p.getContainerPort().equals(port.getIntVal()) : port.getStrVal().equals(p.getName()));
    }

    static String mountAt(Container c, String dir) {
        return c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals(dir)).map(VolumeMount::getName).findFirst().orElse(null);
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels();
    }

    static Container tandem(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("tandem")).findFirst().orElseThrow();
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    static String name(HasMetadata r) {
        return r.getMetadata().getName();
    }

    static List<Deployment> deployments() {
        return of(Deployment.class);
    }

    static Deployment deployment(String name) {
        return deployments().stream().filter(d -> name(d).equals(name)).findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    static Service service(String name) {
        return of(Service.class).stream().filter(s -> name(s).equals(name)).findFirst().orElseThrow(() -> new AssertionError("no Service " + name));
    }

    static <T extends HasMetadata> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = of(type);
        assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
