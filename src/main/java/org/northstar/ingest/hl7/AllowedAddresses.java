package org.northstar.ingest.hl7;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source addresses the MLLP listener accepts connections from: single addresses and
 * CIDR blocks, IPv4 or IPv6 ({@code 10.20.0.0/16}, {@code 192.0.2.7}, {@code fd00::/8}).
 * No entries accepts every address.
 *
 * <p>
 * Only literal addresses are accepted, never host names: a name would be resolved once,
 * at start, and a changed DNS record would then silently let the wrong host in, or keep
 * the right one out.
 */
final class AllowedAddresses {

	private final List<Block> blocks;

	private AllowedAddresses(List<Block> blocks) {
		this.blocks = blocks;
	}

	/**
	 * @throws IllegalArgumentException naming the entry that is not an address or block
	 */
	static AllowedAddresses of(List<String> entries) {
		List<Block> blocks = new ArrayList<>();
		for (String entry : entries) {
			if (entry != null && !entry.isBlank()) {
				blocks.add(Block.parse(entry.strip()));
			}
		}
		return new AllowedAddresses(List.copyOf(blocks));
	}

	boolean acceptsAny() {
		return this.blocks.isEmpty();
	}

	boolean allows(InetAddress address) {
		if (this.blocks.isEmpty()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		return this.blocks.stream().anyMatch(block -> block.contains(bytes));
	}

	@Override
	public String toString() {
		return this.blocks.isEmpty() ? "any address" : this.blocks.toString();
	}

	private record Block(byte[] network, int prefix, String text) {

		static Block parse(String entry) {
			int slash = entry.indexOf('/');
			String address = slash < 0 ? entry : entry.substring(0, slash);
			byte[] network = literal(address, entry);
			int bits = network.length * 8;
			int prefix = bits;
			if (slash >= 0) {
				try {
					prefix = Integer.parseInt(entry.substring(slash + 1));
				}
				catch (NumberFormatException ex) {
					prefix = -1;
				}
				if (prefix < 0 || prefix > bits) {
					throw new IllegalArgumentException("'" + entry + "' in NORTHSTAR_HL7_ALLOWED_ADDRESSES has a prefix"
							+ " length that is not a number from 0 to " + bits);
				}
			}
			return new Block(network, prefix, entry);
		}

		private static byte[] literal(String address, String entry) {
			boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
			boolean ipv6 = address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+");
			if (!ipv4 && !ipv6) {
				throw new IllegalArgumentException("'" + entry + "' in NORTHSTAR_HL7_ALLOWED_ADDRESSES is not an"
						+ " IP address or CIDR block (such as 10.20.0.0/16); host names are not accepted");
			}
			try {
				// A literal: no name is looked up.
				return InetAddress.getByName(address).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(
						"'" + entry + "' in NORTHSTAR_HL7_ALLOWED_ADDRESSES is not an IP address: " + ex.getMessage(),
						ex);
			}
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[whole] & mask) == (this.network[whole] & mask);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
