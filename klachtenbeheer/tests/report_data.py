# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A known data set for the reports and the register export.

Q2 2019 (April to June), the quarter reported on:

====  ======  =========  =======  ================  ===========  ===========
name  team    category   channel  validity          acknowledged  answered
====  ======  =========  =======  ================  ===========  ===========
a1    A       repair     phone    founded           on time      on time
a2    A       repair     e-mail   partly founded    late         late
a3    A       other      letter   unfounded         on time      (not yet)
b1    B       repair     phone    founded           on time      on time
====  ======  =========  =======  ================  ===========  ===========

a1 got an apology and a compensation of 50, b1 an apology and 25. Q1 2019
holds p1 (team A, other); q3 was received 1 July 2019 at 00:30 in Amsterdam
(30 June 22:30 UTC) and belongs to Q3. The complainant of a1, a2 and p1 is
the same person; a1 was closed on 20 April 2019.
"""

from datetime import datetime, timedelta

from freezegun import freeze_time


def utc(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute)


def build_report_data(env, team_a, team_b, partner, user_concerned=None):
    Complaint = env["klachtenbeheer.complaint"].with_context(
        mail_create_nolog=True,
        mail_notrack=True,
        tracking_disable=True,
    )
    Partner = env["res.partner"]
    other_1 = Partner.create({"name": "Jan de Boer", "email": "jan@example.com"})
    other_2 = Partner.create({"name": "Els Smit", "email": "els@example.com"})
    repair = env.ref("klachtenbeheer.category_repair")
    other = env.ref("klachtenbeheer.category_other")
    apology = env.ref("klachtenbeheer.remedy_apology")
    compensation = env.ref("klachtenbeheer.remedy_compensation")

    def complaint(received, team, category, channel, partner, **values):
        vals = {
            "subject": "Klacht",
            "partner_id": partner.id,
            "date_received": received,
            "team_id": team.id,
            "category_id": category.id,
            "channel": channel,
            "description": f"<p>{partner.name} belde boos op.</p>",
            # Figures, not mail: no acknowledgement is sent.
            "acknowledgement_pending": False,
        }
        if user_concerned:
            vals["user_concerned_id"] = user_concerned.id
        vals.update(values)
        return Complaint.create(vals)

    hour, month = timedelta(hours=1), timedelta(days=30)
    day, late = timedelta(days=1), timedelta(days=60)
    a1_in, a2_in = utc(2019, 4, 7), utc(2019, 5, 6)
    a3_in, b1_in = utc(2019, 6, 10), utc(2019, 4, 15)
    data = {
        "a1": complaint(
            a1_in,
            team_a,
            repair,
            "phone",
            partner,
            validity="founded",
            date_acknowledged=a1_in + hour,
            date_answered=a1_in + day,
            remedy_ids=[(6, 0, (apology | compensation).ids)],
            compensation_amount=50.0,
            answer=f"<p>Beste {partner.name}, excuses.</p>",
        ),
        "a2": complaint(
            a2_in,
            team_a,
            repair,
            "email",
            partner,
            validity="partly_founded",
            date_acknowledged=a2_in + month,
            date_answered=a2_in + late,
        ),
        "a3": complaint(
            a3_in,
            team_a,
            other,
            "letter",
            other_1,
            validity="unfounded",
            date_acknowledged=a3_in + hour,
        ),
        "b1": complaint(
            b1_in,
            team_b,
            repair,
            "phone",
            other_2,
            validity="founded",
            date_acknowledged=b1_in + hour,
            date_answered=b1_in + day,
            remedy_ids=[(6, 0, apology.ids)],
            compensation_amount=25.0,
        ),
        "p1": complaint(utc(2019, 2, 11), team_a, other, "phone", partner),
        "q3": complaint(utc(2019, 6, 30, 22, 30), team_a, repair, "phone", other_1),
    }
    with freeze_time("2019-04-20 10:00:00"):
        data["a1"].stage_id = env.ref("klachtenbeheer.stage_closed")
    env.flush_all()
    return data
