package org.northstar.ingest.hl7;

import java.util.concurrent.CompletableFuture;

import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.parser.PipeParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Hl7ParserTests {

	/**
	 * HAPI's parser caches message structures in plain HashMaps, unsafe to fill from two
	 * threads at once; connections are threads, so no two may share one. (The race itself
	 * showed once under load and would not be reproduced on demand.)
	 */
	@Test
	void givesEachConnectionThreadAParserOfItsOwn() throws Exception {
		Hl7Parser parsers = new Hl7Parser();
		PipeParser mine = parsers.parserOfThisThread();
		PipeParser another = CompletableFuture.supplyAsync(parsers::parserOfThisThread).get();

		assertThat(another).isNotSameAs(mine);
		assertThat(parsers.parserOfThisThread()).isSameAs(mine);
	}

	@Test
	void parsesEveryVersionIntoTheOneModelItsMappingReads() throws Exception {
		String discharge = Adt.aDischarge().forPatient("MRN-PARSE-1").version("2.3").build();

		assertThat(new Hl7Parser().parse(discharge)).isInstanceOf(ADT_A03.class);
	}

}
