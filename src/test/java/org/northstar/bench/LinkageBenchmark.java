package org.northstar.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.northstar.patient.linkage.BatchLinkage;
import org.northstar.patient.linkage.LinkageRecord;
import org.northstar.patient.linkage.Matcher;

/**
 * Linkage quality and speed on a generated test set ({@link LinkageTestSet}): precision
 * and recall of the automatic links against the truth, recall counting the review queue
 * too, the queue's size, and the time the in-memory matcher takes to block, compare and
 * decide.
 *
 * <p>
 * Precision and recall are over pairs of records: a pair is linked when both records end
 * up in one person (links are transitive, as the patient page shows them).
 *
 * <p>
 * Usage: {@code LinkageBenchmark [records,records...] [seed] [upper lower]}.
 */
public final class LinkageBenchmark {

	private LinkageBenchmark() {
	}

	public static void main(String[] args) {
		int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
		Matcher matcher = args.length > 3 ? new Matcher(Double.parseDouble(args[2]), Double.parseDouble(args[3]))
				: Matcher.DEFAULT;
		System.out.printf("== thresholds: link at >= %.1f, review at >= %.1f; seed %d%n", matcher.upper(),
				matcher.lower(), seed);
		System.out.println(
				"| records | people | true pairs | candidate pairs | linked pairs | precision | recall (auto) | recall (auto + review) | review queue (same person) | false links: twins / other | time (best of 3) | µs per record |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (int size : sizes) {
			LinkageTestSet.TestSet set = new LinkageTestSet(seed).generate(size);
			BatchLinkage linkage = new BatchLinkage(matcher);
			BatchLinkage.Result result = null;
			long best = Long.MAX_VALUE;
			for (int run = 0; run < 3; run++) {
				long started = System.nanoTime();
				result = linkage.run(set.records());
				best = Math.min(best, System.nanoTime() - started);
			}
			print(set, result, best);
		}
	}

	private static void print(LinkageTestSet.TestSet set, BatchLinkage.Result result, long nanos) {
		List<LinkageRecord> records = set.records();
		int[] person = set.personOf();
		int[] parent = new int[records.size()];
		for (int i = 0; i < parent.length; i++) {
			parent[i] = i;
		}
		for (BatchLinkage.ScoredPair pair : result.links()) {
			parent[find(parent, pair.a())] = find(parent, pair.b());
		}
		Map<Integer, Map<Integer, Integer>> clusters = new HashMap<>();
		for (int i = 0; i < parent.length; i++) {
			clusters.computeIfAbsent(find(parent, i), k -> new HashMap<>()).merge(person[i], 1, Integer::sum);
		}
		long linked = 0;
		long correct = 0;
		long falseTwinLinks = 0;
		for (Map<Integer, Integer> cluster : clusters.values()) {
			int size = cluster.values().stream().mapToInt(Integer::intValue).sum();
			linked += pairs(size);
			for (int n : cluster.values()) {
				correct += pairs(n);
			}
		}
		Map<Integer, Integer> recordsOfPerson = new HashMap<>();
		for (int p : person) {
			recordsOfPerson.merge(p, 1, Integer::sum);
		}
		long truePairs = recordsOfPerson.values().stream().mapToLong(LinkageBenchmark::pairs).sum();
		long reviewedTrue = 0;
		for (BatchLinkage.ScoredPair pair : result.reviews()) {
			if (person[pair.a()] == person[pair.b()] && find(parent, pair.a()) != find(parent, pair.b())) {
				reviewedTrue++;
			}
		}
		List<String> falseLinks = new ArrayList<>();
		for (BatchLinkage.ScoredPair pair : result.links()) {
			if (person[pair.a()] != person[pair.b()]) {
				LinkageRecord a = records.get(pair.a());
				LinkageRecord b = records.get(pair.b());
				boolean twins = a.birthDate() != null && a.birthDate().equals(b.birthDate()) && a.family() != null
						&& a.family().equals(b.family());
				falseTwinLinks += twins ? 1 : 0;
				if (falseLinks.size() < 5) {
					falseLinks.add(a + "\n   " + b + "\n   " + pair.comparison());
				}
			}
		}
		long falseDirect = result.links().stream().filter(p -> person[p.a()] != person[p.b()]).count();
		long reviewSame = result.reviews().stream().filter(p -> person[p.a()] == person[p.b()]).count();
		System.out.printf(
				"| %,d | %,d | %,d | %,d | %,d | %.4f | %.4f | %.4f | %,d (%,d) | %d / %d | %,d ms | %.1f |%n",
				records.size(), set.people(), truePairs, result.candidatePairs(), linked,
				linked == 0 ? 1.0 : (double) correct / linked, (double) correct / truePairs,
				(double) (correct + reviewedTrue) / truePairs, result.reviews().size(), reviewSame, falseTwinLinks,
				falseDirect - falseTwinLinks, nanos / 1_000_000, nanos / 1000.0 / records.size());
		if (System.getProperty("linkage.explain") != null) {
			falseLinks.forEach(l -> System.out.println("false link: " + l));
			int shown = 0;
			for (BatchLinkage.ScoredPair pair : result.reviews()) {
				if (shown++ < 10) {
					System.out.println("review: " + (person[pair.a()] == person[pair.b()]) + " " + records.get(pair.a())
							+ "\n   " + records.get(pair.b()) + "\n   " + pair.comparison());
				}
			}
		}
	}

	private static long pairs(long n) {
		return n * (n - 1) / 2;
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

}
