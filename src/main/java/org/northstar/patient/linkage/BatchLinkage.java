package org.northstar.patient.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links a whole population in memory: blocks, compares each candidate pair once, and
 * returns the pairs to link and to review. Each record has a bounded number of keys and
 * meets at most {@link #WINDOW} neighbours per key, so the candidate pairs p are O(n);
 * sorting large blocks by name and removing duplicate pairs are O(n log n).
 */
public final class BatchLinkage {

	/**
	 * In a block larger than this, each record is compared with its next this many
	 * neighbours in name order, not with every member (the sorted-neighbourhood method):
	 * the work per block stays linear as blocks grow with the population, and records of
	 * one person, whose names agree at least partly, sort near each other.
	 */
	static final int WINDOW = 4;

	private final Matcher matcher;

	public BatchLinkage(Matcher matcher) {
		this.matcher = matcher;
	}

	/** A pair the matcher did not reject, by index into the input. */
	public record ScoredPair(int a, int b, Comparison comparison) {
	}

	/**
	 * @param candidatePairs distinct pairs compared
	 * @param skippedBlocks blocks larger than {@link Blocking#MAX_BLOCK}, not compared
	 */
	public record Result(List<ScoredPair> links, List<ScoredPair> reviews, long candidatePairs, int skippedBlocks) {
	}

	private static int[] byName(int[] members, int size, List<LinkageRecord> records) {
		Integer[] sorted = new Integer[size];
		for (int i = 0; i < size; i++) {
			sorted[i] = members[i];
		}
		Arrays.sort(sorted, java.util.Comparator.comparing((Integer i) -> sortKey(records.get(i))));
		int[] out = new int[size];
		for (int i = 0; i < size; i++) {
			out[i] = sorted[i];
		}
		return out;
	}

	private static String sortKey(LinkageRecord r) {
		return (r.family() == null ? "" : r.family()) + "|" + (r.given() == null ? "" : r.given());
	}

	public Result run(List<LinkageRecord> records) {
		Map<String, int[]> blocks = new HashMap<>();
		Map<String, Integer> sizes = new HashMap<>();
		for (int i = 0; i < records.size(); i++) {
			for (String key : Blocking.keys(records.get(i))) {
				int size = sizes.merge(key, 1, Integer::sum);
				int[] members = blocks.get(key);
				if (members == null) {
					members = new int[2];
					blocks.put(key, members);
				}
				else if (members.length < size) {
					members = Arrays.copyOf(members, members.length * 2);
					blocks.put(key, members);
				}
				members[size - 1] = i;
			}
		}
		long[] pairs = new long[1024];
		int count = 0;
		int skipped = 0;
		for (Map.Entry<String, int[]> block : blocks.entrySet()) {
			int size = sizes.get(block.getKey());
			if (size < 2) {
				continue;
			}
			if (size > Blocking.MAX_BLOCK) {
				skipped++;
				continue;
			}
			int[] members = block.getValue();
			if (size > WINDOW + 1) {
				members = byName(members, size, records);
			}
			for (int x = 0; x < size; x++) {
				for (int y = x + 1; y < size && y <= x + WINDOW; y++) {
					int a = Math.min(members[x], members[y]);
					int b = Math.max(members[x], members[y]);
					if (a == b) {
						continue;
					}
					if (count == pairs.length) {
						pairs = Arrays.copyOf(pairs, pairs.length * 2);
					}
					pairs[count++] = ((long) a << 32) | b;
				}
			}
		}
		Arrays.sort(pairs, 0, count);
		List<ScoredPair> links = new ArrayList<>();
		List<ScoredPair> reviews = new ArrayList<>();
		long distinct = 0;
		for (int i = 0; i < count; i++) {
			if (i > 0 && pairs[i] == pairs[i - 1]) {
				continue;
			}
			distinct++;
			int a = (int) (pairs[i] >>> 32);
			int b = (int) pairs[i];
			Comparison comparison = this.matcher.compare(records.get(a), records.get(b));
			if (comparison.decision() == Decision.LINK) {
				links.add(new ScoredPair(a, b, comparison));
			}
			else if (comparison.decision() == Decision.REVIEW) {
				reviews.add(new ScoredPair(a, b, comparison));
			}
		}
		return new Result(links, reviews, distinct, skipped);
	}

}
