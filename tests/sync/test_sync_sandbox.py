"""The sandbox changes records between two runs, and every change moves the record's
update time, so each vendor's own update-time filter returns exactly what changed."""

from __future__ import annotations

import datetime as _dt

from real_estate_async import BrokermintClient, LoftyClient, OpenToCloseClient, OviproClient
from real_estate_async.sandbox import Sandbox

CUTOFF = _dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc)  # after every generated record


async def test_mutate_is_found_by_each_vendors_update_filter() -> None:
    async with Sandbox(records=300, demo=True) as sb:
        bm_ids = sb.mutate("brokermint", "transactions", 4)
        lead_ids = sb.mutate("lofty", "leads", 3)
        office_ids = sb.mutate("ovipro", "agencyOffices", 2)
        assert len(set(bm_ids)) == 4 and max(bm_ids) - min(bm_ids) > 100  # spread out
        async with BrokermintClient(**sb.client_kwargs("brokermint")) as bm:
            found = [t async for t in bm.transactions.list(updated_since=CUTOFF, raw=True)]
            assert sorted(t["id"] for t in found) == sorted(bm_ids)
            assert all(t["address"].endswith("(rev 2)") for t in found)
            stamp = found[0]["updated_at"]
            assert {t["updated_at"] for t in found} == {stamp}
            # inclusive, like the vendor: the same time again finds them; a ms later does not
            again = [t async for t in bm.transactions.list(updated_since=stamp, raw=True)]
            assert len(again) == 4
            later = [t async for t in bm.transactions.list(updated_since=stamp + 1, raw=True)]
            assert later == []
        async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
            leads = [x async for x in lofty.leads.list_by_update_time(CUTOFF, raw=True)]
            assert sorted(x["leadId"] for x in leads) == sorted(lead_ids)
        async with OviproClient(**sb.client_kwargs("ovipro")) as ovi:
            offices = await ovi.agency_offices.find(modified_after=CUTOFF, raw=True)
            assert sorted(o["agencyOfficeId"] for o in offices) == sorted(office_ids)


async def test_rounds_of_changes_never_share_an_update_time() -> None:
    async with Sandbox(records=50, demo=True) as sb:
        first = sb.mutate("brokermint", "transactions", 1, step=1)
        second = sb.mutate("brokermint", "transactions", 1, step=1)
        assert first == second == [1]
        coll = sb.server("brokermint").collections["transactions"]
        record = coll.get(1)
        assert record is not None and record["address"].endswith("(rev 3)")
        third = sb.mutate("lofty", "leads", 1)
        assert third
        before = sb.advance_clock(0)
        assert sb.advance_clock(5) >= before + 5000


async def test_api_updates_move_the_update_time() -> None:
    async with Sandbox(records=60, demo=True) as sb:
        async with OpenToCloseClient(**sb.client_kwargs("open_to_close")) as otc:
            await otc.agents.update(5, {"name": "Renamed"})
            agent = await otc.agents.get(5, raw=True)
            assert agent["updated"] >= CUTOFF.strftime("%Y-%m-%dT%H:%M:%SZ")
        async with OviproClient(**sb.client_kwargs("ovipro")) as ovi:
            office = sb.first_id("ovipro", "agencyOffices")
            await ovi.agency_offices.update_coordinates(office, latitude=60.1, longitude=24.9)
            changed = await ovi.agency_offices.find(modified_after=CUTOFF, raw=True)
            assert [o["agencyOfficeId"] for o in changed] == [office]
