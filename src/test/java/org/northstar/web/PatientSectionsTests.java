package org.northstar.web;

import org.junit.jupiter.api.Test;
import org.northstar.web.PatientSections.Refusal;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a section answers a refusal: in place to htmx, which swaps the section's own
 * fragment; the 403 page to a plain form post or a followed link where the section says
 * so.
 */
class PatientSectionsTests {

	private static final String FRAGMENT = "careplan/section :: plan";

	@Test
	void answersInPlaceToEveryRequestWhenTheSectionHasNoPage() {
		Refusal refusal = Refusal.inPlace(FRAGMENT);

		assertThat(refusal.answer(htmx())).isInstanceOfSatisfying(SectionRefusedException.class,
				ex -> assertThat(ex.fragment()).isEqualTo(FRAGMENT));
		assertThat(refusal.answer(plain())).isInstanceOfSatisfying(SectionRefusedException.class,
				ex -> assertThat(ex.fragment()).isEqualTo(FRAGMENT));
	}

	@Test
	void answersInPlaceToHtmxAndWithThePageToAPlainRequest() {
		Refusal refusal = Refusal.inPlaceOrPage(FRAGMENT, "You may not change this person's care plan.");

		assertThat(refusal.answer(htmx())).isInstanceOfSatisfying(SectionRefusedException.class,
				ex -> assertThat(ex.fragment()).isEqualTo(FRAGMENT));
		assertThat(refusal.answer(plain())).isInstanceOf(AccessRefusedException.class)
			.hasMessage("You may not change this person's care plan.");
	}

	@Test
	void answersWithThePageEvenToHtmxWhenTheSectionHasNoFragment() {
		Refusal refusal = Refusal.page("You may not see this person's care plan.");

		assertThat(refusal.answer(htmx())).isInstanceOf(AccessRefusedException.class)
			.hasMessage("You may not see this person's care plan.");
		assertThat(refusal.answer(plain())).isInstanceOf(AccessRefusedException.class);
	}

	@Test
	void aRefusalNeedsAFragmentOrAPage() {
		assertThatThrownBy(() -> new Refusal(null, null)).isInstanceOf(IllegalArgumentException.class);
	}

	private static MockHttpServletRequest htmx() {
		MockHttpServletRequest request = plain();
		request.addHeader("HX-Request", "true");
		return request;
	}

	private static MockHttpServletRequest plain() {
		return new MockHttpServletRequest("POST", "/patients/x/care-plan/items");
	}

}
