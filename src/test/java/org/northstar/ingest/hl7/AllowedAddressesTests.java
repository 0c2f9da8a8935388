package org.northstar.ingest.hl7;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedAddressesTests {

	@Test
	void acceptsAnyAddressWhenNoneIsListed() throws Exception {
		AllowedAddresses any = AllowedAddresses.of(List.of("", " "));

		assertThat(any.acceptsAny()).isTrue();
		assertThat(any.allows(InetAddress.getByName("203.0.113.9"))).isTrue();
	}

	@Test
	void matchesSingleAddressesAndBlocksOnTheirPrefixBits() throws Exception {
		AllowedAddresses allowed = AllowedAddresses
			.of(List.of(" 192.0.2.7 ", "10.20.0.0/16", "198.51.100.0/23", "2001:db8:aa::/48"));

		assertThat(allowed.allows(InetAddress.getByName("192.0.2.7"))).isTrue();
		assertThat(allowed.allows(InetAddress.getByName("192.0.2.8"))).isFalse();
		assertThat(allowed.allows(InetAddress.getByName("10.20.255.1"))).isTrue();
		assertThat(allowed.allows(InetAddress.getByName("10.21.0.1"))).isFalse();
		assertThat(allowed.allows(InetAddress.getByName("198.51.101.200"))).isTrue();
		assertThat(allowed.allows(InetAddress.getByName("198.51.102.1"))).isFalse();
		assertThat(allowed.allows(InetAddress.getByName("2001:db8:aa:1::5"))).isTrue();
		assertThat(allowed.allows(InetAddress.getByName("2001:db8:ab::5"))).isFalse();
		// An IPv4 client on a dual-stack socket arrives as an IPv4 address.
		assertThat(allowed.allows(InetAddress.getByName("::ffff:10.20.3.4"))).isTrue();
	}

	@Test
	void aZeroPrefixAllowsTheWholeFamilyOnly() throws Exception {
		AllowedAddresses ipv4 = AllowedAddresses.of(List.of("0.0.0.0/0"));

		assertThat(ipv4.allows(InetAddress.getByName("203.0.113.9"))).isTrue();
		assertThat(ipv4.allows(InetAddress.getByName("2001:db8::1"))).isFalse();
	}

	@Test
	void refusesHostNamesAndBadPrefixesNamingTheEntry() {
		assertThatThrownBy(() -> AllowedAddresses.of(List.of("engine.hospital.example")))
			.hasMessageContaining("'engine.hospital.example' in NORTHSTAR_HL7_ALLOWED_ADDRESSES")
			.hasMessageContaining("host names are not accepted");
		assertThatThrownBy(() -> AllowedAddresses.of(List.of("10.0.0.0/33"))).hasMessageContaining("'10.0.0.0/33'")
			.hasMessageContaining("0 to 32");
		assertThatThrownBy(() -> AllowedAddresses.of(List.of("10.0.0.0/x"))).hasMessageContaining("'10.0.0.0/x'");
		assertThatThrownBy(() -> AllowedAddresses.of(List.of("300.1.2.3"))).hasMessageContaining("'300.1.2.3'");
	}

}
