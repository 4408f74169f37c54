"""Tiltak and 1:1s in the offline demo: getting started, the first 1:1, deadlines, a postponement, the second
1:1 with an agenda, an overdue reminder and a Christmas deadline in New York."""

from __future__ import annotations

from handlers import ids
from sim.demo.world import EMMA, KARI, NINA, OLA, Demo, at


async def scene_getting_started(demo: Demo) -> None:
    """Monday in week 49: people meet the bot; Kari sets up 1:1s with Ola and agrees three tiltak."""
    await demo.command(OLA, "hjelp")
    await demo.run_until(at(30, 11, 9, 15))
    await demo.command(EMMA, "language en")
    await demo.run_until(at(30, 11, 10, 30))
    await demo.command(KARI, f"1til1 <@{OLA}|ola> annenhver uke tirsdag kl. 13.00")
    await demo.command(KARI, f"tiltak <@{OLA}|ola> Oppdatere opplæringsplanen for nyansatte innen fredag")
    await demo.command(KARI, f"tiltak <@{EMMA}|emma> Melde seg på kurs i presentasjonsteknikk innen neste fredag")
    await demo.command(KARI, f"tiltak <@{NINA}|nina> Sende kundeoversikten til regnskap innen 25.12")
    await demo.command(KARI, f"tiltak <@{OLA}|ola> Rydde i delte mapper innen i går")


async def scene_first_oneonone(demo: Demo) -> None:
    """Tuesday: after the 1:1, Kari is asked whether it took place and records what they agreed."""
    await demo.run_until(at(1, 12, 15, 20))
    held = demo.last_dm(KARI)["blocks"][-1]["elements"][0]["value"]
    await demo.click(KARI, "Ja, registrer tiltak", ids.ONEONONE_HELD, value=held)
    await demo.submit(
        KARI,
        "ett tiltak for Ola",
        {
            ids.held_block("text", 1): {
                ids.INPUT: {"type": "plain_text_input", "value": "Lage plan for kursdagene i januar"}
            },
            ids.held_block("owner", 1): {ids.INPUT: {"type": "users_select", "selected_user": OLA}},
            ids.held_block("due", 1): {ids.INPUT: {"type": "datepicker", "selected_date": "2026-12-18"}},
        },
    )


async def scene_first_deadline(demo: Demo) -> None:
    """Friday 4 December: Ola and Kari are reminded at 09:00; Ola marks it done."""
    await demo.run_until(at(4, 12, 11, 20))
    tiltak_id = demo.last_dm(OLA)["blocks"][-1]["elements"][0]["value"]
    await demo.click(OLA, "Ferdig", ids.TILTAK_DONE, value=tiltak_id)


async def scene_postponed(demo: Demo) -> None:
    """Emma moves her deadline a week with the date picker; Kari is told."""
    await demo.run_until(at(10, 12, 14, 5))
    emma_block = demo.last_dm(EMMA)["blocks"][-1]["block_id"]
    await demo.click(EMMA, "Ny frist: 18.12", ids.TILTAK_POSTPONE, block_id=emma_block, selected_date="2026-12-18")


async def scene_second_oneonone(demo: Demo) -> None:
    """The day before the next 1:1 both get a nudge; Ola adds a topic; Kari's guide shows it and the open tiltak."""
    await demo.run_until(at(14, 12, 10, 5))
    pair = next(b for b in demo.last_dm(OLA)["blocks"] if b.get("block_id") == "agenda")["accessory"]["value"]
    await demo.click(OLA, "Legg til tema", ids.ONEONONE_AGENDA, value=pair)
    topic = {"type": "plain_text_input", "value": "Fordeling av vakter i romjula"}
    await demo.submit(OLA, "nytt tema", {ids.AGENDA_NEW_BLOCK: {ids.INPUT: topic}})
    await demo.run_until(at(15, 12, 15, 30))
    held = demo.last_dm(KARI)["blocks"][-1]["elements"][0]["value"]
    await demo.click(KARI, "Ja, registrer tiltak", ids.ONEONONE_HELD, value=held)
    await demo.submit(KARI, "ingen nye tiltak denne gangen", {})


async def scene_overdue(demo: Demo) -> None:
    """Emma misses the new deadline: one overdue reminder to both, then she closes it from the list."""
    await demo.run_until(at(22, 12, 9, 40))
    await demo.command(EMMA, "list")
    await demo.command(EMMA, "done 2")


async def scene_christmas(demo: Demo) -> None:
    """Nina's deadline is 1. juledag: she is reminded on julaften morning, in her own time zone."""
    await demo.run_until(at(24, 12, 16, 30))
    await demo.command(NINA, "ferdig 3")
    await demo.run_until(at(28, 12, 9, 0))
    await demo.open_home(KARI)
