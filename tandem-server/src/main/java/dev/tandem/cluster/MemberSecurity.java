package dev.tandem.cluster;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;

/**
 * What a member accepts from the cluster port. Entry processors and some values travel as Java-serialized
 * objects; without a filter, anything that reaches the member port could send a gadget chain of whatever
 * library is on the class path. Only Tandem's own classes and the JDK/Hazelcast types they are made of are
 * deserialized. Hazelcast's defaults are off because they allow all of {@code java*} and {@code javax*}; the
 * allow-list is narrower than its deny-list of known gadgets, none of which it lets through. The member port itself is kept
 * to Tandem's pods by the Kubernetes NetworkPolicy (deployment/kubernetes/networkpolicy.yaml).
 */
final class MemberSecurity {
    /** Class name prefixes a member deserializes; arrays are let through as such, their elements are checked. */
    static final String[] ALLOWED_PREFIXES = {"dev.tandem.", "java.lang.", "java.util.", "java.time.", "java.math.",
            "com.hazelcast.", "["};

    private MemberSecurity() {}

    static void configure(Config config) {
        ClassFilter allowed = new ClassFilter().addPrefixes(ALLOWED_PREFIXES);
        config.getSerializationConfig().setJavaSerializationFilterConfig(
                new JavaSerializationFilterConfig().setDefaultsDisabled(true).setWhitelist(allowed));
    }
}
