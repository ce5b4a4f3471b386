# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who complains, from real mails: website form mailers, employees who
forward a mail or write down a call, representatives, the address and the
language of a mail, delivery reports and repeats by mail. Every test runs the
intake cron and checks every mail that goes out."""

from unittest.mock import patch

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import email_normalize, email_split

from .mail_common import (
    ALIAS,
    KlachtenbeheerMailCase,
    build_bounce,
    build_forward_as_attachment,
    build_mail,
)

FORM_BODY = """Er is een formulier verzonden via www.woonstad-test.nl

Naam: Anja de Wit
E-mailadres: anja.dewit@ziggo.nl
Telefoonnummer: 06-12345678
Adres: Kerkstraat 4b, 2636 BC Schipluiden
Anoniem indienen: Nee
Omschrijving:
De cv-ketel is al twee weken kapot en de monteur is twee keer niet
gekomen. Ik wil graag dat dit nu wordt opgelost.
"""

ANONYMOUS_FORM_BODY = """Naam:
E-mailadres:
Anoniem indienen: Ja
Omschrijving:
De buurman zet zijn scooter steeds in het trappenhuis.
"""


@tagged("post_install", "-at_install")
class TestMailIntakeSenders(KlachtenbeheerMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "info@woonstad-test.nl"
        cls.handler_a.partner_id.email = "h.adjei@woonstad-test.nl"
        cls.employee.partner_id.email = "balie@woonstad-test.nl"
        cls.Kept = cls.env["klachtenbeheer.mail.failure"]

    def _register(self, raw):
        complaint = self.Complaint.browse(self._process(raw))
        self.assertTrue(complaint, "the mail registered no complaint")
        self.Complaint._cron_send_acknowledgements()
        return complaint

    def _outgoing(self, complaint):
        """Every address an e-mail of the complaint goes to."""
        addresses = set()
        for mail in (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        ):
            addresses |= set(mail.recipient_ids.mapped("email_normalized"))
            addresses |= {email_normalize(e) for e in email_split(mail.email_to or "")}
        return addresses - {False}

    def _contacts(self, email):
        return self.env["res.partner"].search([("email_normalized", "=", email)])

    # ------------------------------------------------------------------
    # Website form mailers
    # ------------------------------------------------------------------

    def test_form_mailer_with_reply_to(self):
        complaint = self._register(
            build_mail(
                sender='"Woonstad website" <noreply@woonstad-test.nl>',
                subject="Nieuw klachtformulier",
                body=FORM_BODY,
                headers="Reply-To: Anja de Wit <anja.dewit@ziggo.nl>\n"
                "Auto-Submitted: auto-generated\n",
            )
        )
        self.assertEqual(complaint.channel, "web_form")
        self.assertEqual(complaint.partner_id.email_normalized, "anja.dewit@ziggo.nl")
        self.assertEqual(complaint.partner_id.name, "Anja de Wit")
        self.assertEqual(complaint.phone, "06-12345678")
        self.assertEqual(complaint.zip, "2636 BC")
        self.assertEqual(complaint.city, "Schipluiden")
        self.assertEqual(complaint.street, "Kerkstraat 4b")
        self.assertEqual(complaint.partner_id.zip, "2636 BC")
        self.assertIn("cv-ketel", complaint.description)
        self.assertNotIn("Telefoonnummer", complaint.description)
        # Never a contact or a mail for the form mailer.
        self.assertFalse(self._contacts("noreply@woonstad-test.nl"))
        self.assertTrue(complaint.date_acknowledged)
        self.assertEqual(self._outgoing(complaint), {"anja.dewit@ziggo.nl"})

    def test_form_mailer_configured_without_reply_to(self):
        self.team_a.form_mailer_email = "formulieren@woonstad-test.nl"
        complaint = self._register(
            build_mail(
                sender="Website <formulieren@woonstad-test.nl>",
                subject="Klacht via de website",
                body=FORM_BODY.replace("anja.dewit@ziggo.nl", "anja@example.org"),
            )
        )
        self.assertEqual(complaint.channel, "web_form")
        self.assertEqual(complaint.partner_id.email_normalized, "anja@example.org")
        self.assertEqual(self._outgoing(complaint), {"anja@example.org"})
        self.assertFalse(self._contacts("formulieren@woonstad-test.nl"))

    def test_form_mailer_anonymous(self):
        count = self.env["res.partner"].search_count([])
        complaint = self._register(
            build_mail(
                sender="noreply@woonstad-test.nl",
                subject="Klachtformulier",
                body=ANONYMOUS_FORM_BODY,
                headers="Auto-Submitted: auto-generated\n",
            )
        )
        self.assertEqual(complaint.channel, "web_form")
        self.assertTrue(complaint.is_anonymous)
        self.assertFalse(complaint.partner_id)
        self.assertFalse(complaint.email_from)
        self.assertIn("scooter", complaint.description)
        self.assertEqual(self.env["res.partner"].search_count([]), count)
        self.assertFalse(self._outgoing(complaint))
        self.assertFalse(complaint.date_acknowledged)

    # ------------------------------------------------------------------
    # Employees
    # ------------------------------------------------------------------

    def test_employee_forwards_as_attachment(self):
        original = build_mail(
            sender='"Jan Pieters" <jan.pieters@hotmail.com>',
            to="h.adjei@woonstad-test.nl",
            subject="Schimmel in de badkamer",
            body="Beste meneer Adjei,\n\nIn de badkamer groeit al maanden "
            "schimmel. Niemand doet er iets aan.\n\nJan Pieters\n"
            "Molenweg 3\n2636 CD Schipluiden",
        )
        complaint = self._register(
            build_forward_as_attachment(
                original, sender="Hamid Adjei <h.adjei@woonstad-test.nl>"
            )
        )
        self.assertEqual(complaint.registered_by_id, self.handler_a)
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(
            complaint.partner_id.email_normalized, "jan.pieters@hotmail.com"
        )
        self.assertEqual(complaint.partner_id.name, "Jan Pieters")
        self.assertEqual(complaint.subject, "Schimmel in de badkamer")
        self.assertIn("schimmel", complaint.description)
        self.assertEqual(complaint.zip, "2636 CD")
        self.assertEqual(self._outgoing(complaint), {"jan.pieters@hotmail.com"})
        self.assertNotIn(self.handler_a.partner_id, complaint.message_partner_ids)

    def test_own_domain_forwards_inline(self):
        # An address of the organisation that is no user (a shared mailbox).
        body = (
            "Graag oppakken, deze kwam binnen op de algemene mailbox.\n\n"
            "-----Oorspronkelijk bericht-----\n"
            "Van: Marieke Jansen <marieke.j@kpnmail.nl>\n"
            "Verzonden: maandag 16 november 2026 09:12\n"
            "Aan: Info <info@woonstad-test.nl>\n"
            "Onderwerp: Klacht over de aannemer\n\n"
            "De aannemer heeft mijn tuinhek kapotgereden en reageert niet.\n"
        )
        complaint = self._register(
            build_mail(
                sender="Receptie <receptie@woonstad-test.nl>",
                subject="FW: Klacht over de aannemer",
                body=body,
            )
        )
        self.assertEqual(complaint.partner_id.email_normalized, "marieke.j@kpnmail.nl")
        self.assertEqual(complaint.subject, "Klacht over de aannemer")
        self.assertIn("tuinhek", complaint.description)
        self.assertEqual(self._outgoing(complaint), {"marieke.j@kpnmail.nl"})
        self.assertFalse(self._contacts("receptie@woonstad-test.nl"))

    def test_employee_phone_note_names_complainant(self):
        body = (
            "Telefoonnotitie\n\n"
            "Naam: Samira El Amrani\n"
            "Telefoon: 06-87654321\n\n"
            "Mevrouw belde: de lift in haar flat staat al een week stil.\n"
        )
        complaint = self._register(
            build_mail(
                sender="Balie <balie@woonstad-test.nl>",
                subject="Telefoonnotitie lift",
                body=body,
            )
        )
        self.assertEqual(complaint.channel, "phone")
        self.assertEqual(complaint.registered_by_id, self.employee)
        self.assertEqual(complaint.partner_id.name, "Samira El Amrani")
        self.assertEqual(complaint.phone, "06-87654321")
        self.assertFalse(complaint.complainant_to_complete)
        # No e-mail address: nothing goes out, the letter is printed.
        self.assertFalse(self._outgoing(complaint))

    def test_employee_phone_note_without_complainant(self):
        complaint = self._register(
            build_mail(
                sender="Balie <balie@woonstad-test.nl>",
                subject="Telefonische klacht",
                body="Iemand belde boos over de lift, maar wilde geen naam geven.",
            )
        )
        self.assertEqual(complaint.channel, "phone")
        self.assertTrue(complaint.complainant_to_complete)
        self.assertFalse(complaint.partner_id)
        self.assertFalse(complaint.email_from)
        activity = complaint.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_complainant")
            )
        )
        self.assertEqual(activity.user_id, self.employee)
        self.assertFalse(self._outgoing(complaint))
        # Filled in, the complaint is an ordinary one.
        complaint.partner_id = self.partner
        self.assertEqual(complaint.email_from, self.partner.email)

    def test_employee_plain_mail_never_acknowledged_to_employee(self):
        complaint = self._register(
            build_mail(
                sender="Hamid Adjei <h.adjei@woonstad-test.nl>",
                subject="Klacht van een huurder",
                body="Een huurder klaagde bij mij over de schoonmaak van de galerij.",
            )
        )
        self.assertEqual(complaint.registered_by_id, self.handler_a)
        self.assertNotEqual(complaint.partner_id, self.handler_a.partner_id)
        self.assertTrue(complaint.complainant_to_complete)
        self.assertFalse(self._outgoing(complaint))

    # ------------------------------------------------------------------
    # Representatives
    # ------------------------------------------------------------------

    def test_lawyer_with_client_in_cc(self):
        self._create_complaint(subject="Eerdere klacht")
        complaint = self._register(
            build_mail(
                sender='"mr. A. Bakker" <a.bakker@bakker-advocaten.nl>',
                subject="Uw kenmerk: schade aan inboedel",
                body="Geachte heer, mevrouw,\n\nNamens mijn cliënte, mevrouw "
                "Yilmaz, stel ik u aansprakelijk voor de waterschade.\n\n"
                "Met vriendelijke groet,\nmr. A. Bakker\nBakker Advocaten",
                headers=f"Cc: Fatima Yilmaz <{self.partner.email}>\n",
            )
        )
        self.assertEqual(complaint.partner_id, self.partner)
        self.assertEqual(
            complaint.representative_id.email_normalized, "a.bakker@bakker-advocaten.nl"
        )
        self.assertEqual(complaint.representative_kind, "lawyer")
        self.assertTrue(complaint.is_lawyer_letter)
        self.assertEqual(complaint.correspondence, "representative")
        # The mail is the lawyer's; the acknowledgement goes to the lawyer
        # (the employees hear of the legal review by its activity).
        mail = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(mail.author_id, complaint.representative_id)
        employees = set(
            self.env["res.users"]
            .search([("share", "=", False)])
            .mapped("email_normalized")
        )
        self.assertEqual(
            self._outgoing(complaint) - employees, {"a.bakker@bakker-advocaten.nl"}
        )
        # The legal review comes before the answer (WMD-klachtenbeleid §2.6).
        self.assertIn(
            complaint._fields["legal_advice"]._description_string(self.env),
            complaint._procedure_answer_blockers(),
        )

    def test_relative_with_case_number(self):
        earlier = self._create_complaint(subject="Lekkage")
        complaint = self._register(
            build_mail(
                sender="Kees Yilmaz <kees.yilmaz@example.org>",
                subject=f"Klacht {earlier.name} nog steeds niet opgelost",
                body="Ik schrijf namens mijn moeder. De lekkage is nog steeds "
                "niet verholpen.",
            )
        )
        self.assertNotEqual(complaint, earlier)
        self.assertEqual(complaint.partner_id, self.partner)
        self.assertEqual(
            complaint.representative_id.email_normalized, "kees.yilmaz@example.org"
        )
        self.assertEqual(complaint.representative_kind, "relative")
        self.assertEqual(complaint.correspondence, "both")
        self.assertEqual(
            self._outgoing(complaint),
            {"kees.yilmaz@example.org", "f.yilmaz@example.com"},
        )

    def test_relative_for_unknown_complainant(self):
        complaint = self._register(
            build_mail(
                sender="Sanne Vos <sanne.vos@example.org>",
                subject="Klacht over de verwarming",
                body="Ik schrijf u namens mijn vader, die zelf geen e-mail heeft. "
                "Zijn verwarming doet het al weken niet.",
            )
        )
        self.assertEqual(
            complaint.representative_id.email_normalized, "sanne.vos@example.org"
        )
        self.assertFalse(complaint.partner_id)
        self.assertTrue(complaint.complainant_to_complete)
        self.assertEqual(self._outgoing(complaint), {"sanne.vos@example.org"})

    # ------------------------------------------------------------------
    # Address and language
    # ------------------------------------------------------------------

    def test_address_in_signature(self):
        complaint = self._register(
            build_mail(
                sender="Bert Kok <bert.kok@example.nl>",
                body="Het hek bij de fietsenstalling is al maanden kapot.\n\n"
                "Groet,\nBert Kok\nLaan van Nieuw Oost-Indië 201\n2593 BR Den Haag\n"
                "tel. 070 1234567",
            )
        )
        self.assertEqual(complaint.street, "Laan van Nieuw Oost-Indië 201")
        self.assertEqual(complaint.zip, "2593 BR")
        self.assertEqual(complaint.city, "Den Haag")
        self.assertEqual(complaint.partner_id.street, "Laan van Nieuw Oost-Indië 201")

    def test_language_of_the_mail(self):
        self.env["res.lang"]._activate_lang("de_DE")
        complaint = self._register(
            build_mail(
                sender="Hans Müller <hans.mueller@example.de>",
                subject="Beschwerde",
                body="Sehr geehrte Damen und Herren, seit drei Wochen ist die "
                "Heizung in meiner Wohnung kaputt und niemand hat sich bei mir "
                "gemeldet. Ich bitte Sie, das Problem so schnell wie möglich zu "
                "beheben.",
            )
        )
        self.assertEqual(complaint.partner_id.lang, "de_DE")
        dutch = self._register(
            build_mail(
                sender="Piet Dekker <piet.dekker@example.nl>",
                body="Geachte heer, mevrouw, de verwarming in mijn woning is al "
                "drie weken kapot en niemand heeft contact met mij opgenomen.",
            )
        )
        self.assertNotEqual(dutch.partner_id.lang, "de_DE")

    # ------------------------------------------------------------------
    # Automatic replies, delivery reports
    # ------------------------------------------------------------------

    def test_subject_words_alone_ignore_nothing(self):
        for subject, headers in (
            ("Afwezig bij afspraak: monteur kwam niet", ""),
            ("Absence of any repair", ""),
            ("Klacht over de schoonmaak", "Precedence: bulk\n"),
        ):
            with self.subTest(subject=subject):
                self.assertTrue(
                    self._process(
                        build_mail(
                            subject=subject,
                            body="De monteur kwam niet opdagen, ik heb de hele "
                            "dag thuis gezeten.",
                            headers=headers,
                        )
                    )
                )

    def test_auto_reply_is_kept_and_can_be_registered(self):
        complaint = self.Complaint.browse(
            self._process(build_mail(message_id="<eerste-ar@example.nl>"))
        )
        count = self.Complaint.search_count([])
        raw = build_mail(
            sender="Piet Jansen <piet.jansen@example.nl>",
            subject="Automatisch antwoord: Lekkage niet verholpen",
            body="Tot en met 4 januari ben ik afwezig.",
            headers="Auto-Submitted: auto-replied\n"
            "In-Reply-To: <eerste-ar@example.nl>\n",
            message_id="<autoreply-1@example.nl>",
        )
        self.assertFalse(self._process(raw))
        self.assertEqual(self.Complaint.search_count([]), count)
        kept = self.Kept.search([("message_id", "=", "<autoreply-1@example.nl>")])
        self.assertEqual(kept.reason, "auto_reply")
        self.assertEqual(kept.state, "ignored")
        self.assertEqual(kept.complaint_id, complaint)
        self.assertEqual(kept.team_id, self.team_a)
        self.assertTrue(kept.raw_message)
        # Nothing is sent back to an auto-reply.
        self.assertFalse(
            self.env["mail.mail"].search(
                [("email_to", "ilike", "piet.jansen@example.nl")]
            )
        )
        # The coordinator turns it into a complaint in one action.
        action = kept.with_user(self.coordinator).action_register_complaint()
        new = self.Complaint.browse(action["res_id"])
        self.assertNotEqual(new, complaint)
        self.assertEqual(new.team_id, self.team_a)
        self.assertEqual(new.email_normalized, "piet.jansen@example.nl")
        self.assertEqual(kept.state, "done")
        self.assertEqual(kept.complaint_id, new)

    def test_bounce_of_acknowledgement(self):
        complaint = self._register(build_mail(sender="Ongeldig <weg@example.nl>"))
        self.assertTrue(complaint.date_acknowledged)
        acknowledgement = complaint.message_ids.filtered(
            lambda m: (
                m.subtype_id == self.env.ref("mail.mt_comment")
                and m.message_type != "email"
            )
        )
        self.assertEqual(len(acknowledgement), 1)
        count = self.Complaint.search_count([])
        raw = build_bounce(acknowledgement.message_id, "weg@example.nl")
        self.assertFalse(self._process(raw))
        self.assertEqual(self.Complaint.search_count([]), count)
        self.assertTrue(complaint.mail_undeliverable)
        activity = complaint.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_unreachable")
            )
        )
        self.assertEqual(activity.user_id, self.manager_a)
        kept = self.Kept.search([("reason", "=", "bounce")])
        self.assertEqual(kept.complaint_id, complaint)
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "ilike", "mailer-daemon")])
        )

    # ------------------------------------------------------------------
    # Transient errors, repeats
    # ------------------------------------------------------------------

    def test_transient_error_propagates(self):
        # Odoo reports a failed registration on the alias in a cursor of its
        # own: let it see this test's data, as the HttpCase test mode does.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with (
            patch.object(
                type(self.Complaint),
                "_prepare_mail_complaint_values",
                side_effect=psycopg2.errors.SerializationFailure(
                    "could not serialize access due to concurrent update"
                ),
            ),
            self.assertRaises(psycopg2.errors.SerializationFailure),
        ):
            self._process(build_mail(message_id="<serialisatie@example.nl>"))
        self.assertFalse(
            self.Kept.search([("message_id", "=", "<serialisatie@example.nl>")])
        )
        # Nothing went back to the sender, and the address stays valid.
        self.assertNotEqual(self.team_a.alias_id.alias_status, "invalid")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("email_to", "ilike", "piet.jansen@example.nl")]
            )
        )

    def test_reply_to_closed_is_a_repeat(self):
        first = self._register(build_mail(message_id="<gesloten@example.nl>"))
        first.stage_id = self.stage_withdrawn
        self.assertEqual(self.company.klachtenbeheer_mail_closed_policy, "new")
        new = self._register(
            build_mail(
                subject=f"Re: {first.subject}",
                body="Het lekt weer.",
                headers="In-Reply-To: <gesloten@example.nl>\n",
            )
        )
        self.assertNotEqual(new, first)
        self.assertEqual(new.repeat_of_ids, first)
        self.assertTrue(new.is_repeat)
        self.assertEqual(new.origin_complaint_id, first)
        self.assertTrue(new.date_answer_due)
        self.assertTrue(first.is_closed)

    def test_mail_to_alias_still_reaches_the_alias(self):
        # The alias itself never becomes a complainant or a recipient.
        complaint = self._register(build_mail(headers=f"Cc: {ALIAS}\n"))
        self.assertNotIn(ALIAS, self._outgoing(complaint))
