package org.northstar.patient.linkage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Common English given-name variants: a formal name and the short forms people register
 * under at one clinic and not another. Written here because neither Commons Codec nor
 * Commons Text has such a table; it is deliberately small and conservative, since a
 * nickname match lets two first names agree.
 */
final class Nicknames {

	private static final String[] GROUPS = { "WILLIAM BILL BILLY WILL WILLIE LIAM", "ROBERT BOB BOBBY ROB ROBBIE BERT",
			"RICHARD RICK RICKY DICK RICH RICHIE", "JAMES JIM JIMMY JAMIE", "JOHN JACK JOHNNY JON",
			"JOSEPH JOE JOEY JOSE", "MICHAEL MIKE MICKEY MICK", "THOMAS TOM TOMMY", "CHARLES CHARLIE CHUCK CHAS",
			"EDWARD ED EDDIE TED TEDDY NED", "THEODORE TED TEDDY THEO", "ANTHONY TONY", "DANIEL DAN DANNY",
			"DAVID DAVE DAVEY", "STEVEN STEVE STEPHEN STEVIE", "CHRISTOPHER CHRIS KIT", "MATTHEW MATT MATTY",
			"NICHOLAS NICK NICKY", "ANDREW ANDY DREW", "BENJAMIN BEN BENNY", "SAMUEL SAM SAMMY",
			"ALEXANDER ALEX AL SANDY", "ALBERT AL BERT", "ALFRED AL ALF FRED", "FREDERICK FRED FREDDIE FREDDY",
			"GERALD GERRY JERRY", "GREGORY GREG", "HENRY HANK HARRY", "HAROLD HAL HARRY", "JEFFREY JEFF",
			"JONATHAN JON JONNY", "KENNETH KEN KENNY", "LAWRENCE LARRY", "LEONARD LEN LENNY LEO", "PATRICK PAT PADDY",
			"PETER PETE", "PHILIP PHILLIP PHIL", "RAYMOND RAY", "RONALD RON RONNIE", "DONALD DON DONNIE",
			"TIMOTHY TIM TIMMY", "WALTER WALT WALLY", "DOUGLAS DOUG", "EUGENE GENE", "FRANCIS FRANK FRANKIE",
			"FRANKLIN FRANK", "GEORGE GEORGIE", "ISAAC IKE", "JACOB JAKE", "JOSHUA JOSH", "NATHANIEL NATHAN NATE",
			"ZACHARY ZACH ZACK", "VINCENT VINCE VINNY", "MARTIN MARTY", "TERRENCE TERRY TERENCE",
			"ELIZABETH LIZ LIZZIE BETH BETTY BETSY ELIZA LISA LIBBY", "MARGARET MAGGIE MEG PEGGY MARGE MARGIE GRETA",
			"KATHERINE KATHERINE CATHERINE KATHRYN KATE KATIE KATHY CATHY KAT KITTY", "JENNIFER JEN JENNY JENNI",
			"JESSICA JESS JESSIE", "REBECCA BECKY BECCA", "SUSAN SUE SUZY SUSIE", "PATRICIA PAT PATTY TRISH TRICIA",
			"DEBORAH DEBRA DEB DEBBIE", "BARBARA BARB BARBIE BABS", "DOROTHY DOT DOTTIE DOLLY", "ABIGAIL ABBY GAIL",
			"ALEXANDRA ALEX SANDRA SANDY LEXI", "CHRISTINE CHRIS CHRISSY TINA", "CHRISTINA CHRIS CHRISSY TINA",
			"VICTORIA VICKY TORI", "SAMANTHA SAM SAMMY", "STEPHANIE STEPH", "VALERIE VAL", "JUDITH JUDY", "PAMELA PAM",
			"CYNTHIA CINDY", "KIMBERLY KIM", "ANGELA ANGIE", "JACQUELINE JACKIE", "THERESA TERESA TERRI TESS",
			"ELEANOR ELLIE NELL NORA", "HELEN NELL NELLIE", "MARY MOLLY POLLY MAE", "ANN ANNE ANNIE NANCY",
			"CAROLINE CAROL CARRIE", "FRANCES FRAN FRANNIE", "ALICE ALLIE", "SARAH SARA SALLY", "JOSEPHINE JOSIE JO",
			"JOANNA JOANNE JO", "LOUISE LOU", "MADELINE MADDIE", "NATALIE NAT", "VERONICA RONNIE", "PENELOPE PENNY" };

	private static final Map<String, Set<Integer>> GROUP_OF = new HashMap<>();

	static {
		for (int g = 0; g < GROUPS.length; g++) {
			for (String name : GROUPS[g].split(" ")) {
				GROUP_OF.computeIfAbsent(name, k -> new HashSet<>()).add(g);
			}
		}
	}

	private Nicknames() {
	}

	/** Whether the two (normalised) given names are forms of one name. */
	static boolean same(String a, String b) {
		Set<Integer> groupsOfA = GROUP_OF.get(a);
		Set<Integer> groupsOfB = GROUP_OF.get(b);
		if (groupsOfA == null || groupsOfB == null) {
			return false;
		}
		for (Integer g : groupsOfA) {
			if (groupsOfB.contains(g)) {
				return true;
			}
		}
		return false;
	}

}
