package dev.tandem.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack it stands for (issue 13 item 6): an IPv6 client holds a whole /64 and could take a fresh address
 * for every connection or request, escaping every per-address limit; so IPv6 is counted per /64.
 */
class ClientAddressTest {
    @Test
    void ipv6AddressesOfOneSlash64ShareALimit() {
        String a = ClientAddress.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:1");
        String b = ClientAddress.limitKey("[2001:0db8:0001:0002::ffff]");
        assertThat(a).isEqualTo(b).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.limitKey("2001:db8:1:3::1")).isNotEqualTo(a);
        assertThat(ClientAddress.limitKey("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(ClientAddress.limitKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.limitKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.limitKey(null)).isNull();
    }
}
