# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .mail_common import KlachtenbeheerMailCase, build_mail

# What the register of the tests teaches: team B handles rent arrears, team
# A leaks.
ARREARS = [
    (
        "Huurachterstand en betalingsregeling",
        "Ik heb een huurachterstand en wil een betalingsregeling. De incasso "
        "van de huurachterstand stuurt steeds aanmaningen.",
    ),
    (
        "Aanmaning huurachterstand",
        "Weer een aanmaning voor mijn huurachterstand terwijl de "
        "betalingsregeling loopt. Het incassobureau belt steeds.",
    ),
    (
        "Betalingsregeling niet verwerkt",
        "Mijn betalingsregeling voor de huurachterstand is niet verwerkt, nu "
        "komt de deurwaarder. Incasso klopt niet.",
    ),
]
LEAKS = [
    (
        "Lekkage dak",
        "Het dak lekt bij elke regenbui, de lekkage maakt schimmel op het "
        "plafond van de slaapkamer.",
    ),
    (
        "Schimmel door lekkage",
        "Door de lekkage van het dak zit er schimmel op de muur en het plafond.",
    ),
    (
        "Plafond lekt nog steeds",
        "Het plafond lekt nog steeds na de reparatie van het dak, overal schimmel.",
    ),
]
NEW_ARREARS = (
    "Betalingsregeling huurachterstand",
    "Ik kan mijn huurachterstand niet in een keer betalen. Kan ik een "
    "betalingsregeling krijgen? De incasso dreigt met de deurwaarder.",
)


@tagged("post_install", "-at_install")
class TestSuggestionLearning(KlachtenbeheerMailCase):
    """Suggestions learned from the register: learned by the cron from closed
    complaints, shown on new complaints of every channel, accepted by a
    person (one or a selection), forgotten when a complaint is anonymised."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Count = cls.env["klachtenbeheer.suggestion.count"]
        cls.Line = cls.env["klachtenbeheer.complaint.suggestion"]
        # What the database learned before the tests (the demo register).
        cls._learn_all()
        cls.closed = cls.Complaint
        for subject, body in ARREARS * 2:
            cls.closed |= cls._closed_complaint(subject, body, cls.team_b)
        for subject, body in LEAKS * 2:
            cls.closed |= cls._closed_complaint(subject, body, cls.team_a)

    @classmethod
    def _closed_complaint(cls, subject, body, team, **values):
        return cls._create_complaint(
            subject=subject,
            description=f"<p>{body}</p>",
            team_id=team.id,
            stage_id=cls.stage_closed.id,
            validity="founded",
            answer="<p>Uw klacht is gegrond.</p>",
            **values,
        )

    @classmethod
    def _learn_all(cls, batch_size=1000):
        learned = 0
        while True:
            done = cls.env["klachtenbeheer.complaint"]._cron_learn_suggestions(
                batch_size=batch_size
            )
            learned += done
            if done < batch_size:
                return learned

    def _table(self, company=None):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT feature, counts "
                "FROM klachtenbeheer_suggestion_count WHERE company_id = %s",
                (company or self.company).id,
            )
        )
        return dict(self.env.cr.fetchall())

    def _docs(self, target, label):
        return self._table().get("@docs", {}).get(f"{target}:{label}", 0)

    def _lines(self, complaint, target):
        return complaint.suggestion_ids.filtered(lambda line: line.target == target)

    # ------------------------------------------------------------------
    # Learning
    # ------------------------------------------------------------------
    def test_cron_learns_closed_complaints_once(self):
        before = self._table()
        self.assertEqual(self._learn_all(batch_size=5), len(self.closed))
        self.assertEqual(self._docs("team", self.team_b.id), 6)
        self.assertEqual(self._docs("team", self.team_a.id), 6)
        complaint = self.closed[0]
        self.assertEqual(complaint.suggestion_labels["team"], str(self.team_b.id))
        self.assertEqual(complaint.suggestion_labels["kind"], "complaint")
        self.assertFalse(complaint.suggestion_learn_pending)
        stem = self._table()["huurachterstand"]
        self.assertGreaterEqual(stem[f"team:{self.team_b.id}"], 6)
        self.assertNotEqual(self._table(), before)
        # A rerun (or a second worker) learns nothing twice.
        learned = self._table()
        self.assertEqual(self._learn_all(), 0)
        self.assertEqual(self._table(), learned)
        # Open complaints teach nothing.
        self._create_complaint(subject=NEW_ARREARS[0], team_id=self.team_b.id)
        self.assertEqual(self._learn_all(), 0)
        # The table holds counts, never texts.
        self.assertFalse(
            [key for key in learned if " " in key or len(key) > 60],
            "features are stems, the channel and the domain",
        )

    def test_relearned_after_correction(self):
        self._learn_all()
        complaint = self.closed[0]
        complaint.with_user(self.coordinator).team_id = self.team_a
        self.assertTrue(complaint.suggestion_learn_pending)
        self.assertEqual(self._learn_all(), 1)
        self.assertEqual(self._docs("team", self.team_b.id), 5)
        self.assertEqual(self._docs("team", self.team_a.id), 7)
        self.assertEqual(complaint.suggestion_labels["team"], str(self.team_a.id))
        corrected = self._table()
        # The same table as when it had been learned with team A at once.
        complaint.with_user(self.coordinator).team_id = self.team_b
        self._learn_all()
        complaint.with_user(self.coordinator).team_id = self.team_a
        self._learn_all()
        self.assertEqual(self._table(), corrected)
        # A corrected text: what the old text taught goes at once, the new
        # text is learned by the cron.
        complaint.with_user(self.coordinator).subject = "Incasso klopt niet"
        self.assertFalse(complaint.suggestion_labels)
        self.assertEqual(self._docs("team", self.team_a.id), 6)
        self._learn_all()
        self.assertEqual(self._docs("team", self.team_a.id), 7)
        self.assertIn(f"team:{self.team_a.id}", self._table()["incasso"])
        # Reopened: forgotten.
        complaint.with_user(self.coordinator).stage_id = self.stage_investigating
        self._learn_all()
        self.assertEqual(self._docs("team", self.team_a.id), 6)
        self.assertFalse(complaint.suggestion_labels)

    def test_learning_batch_query_count(self):
        # The queries of a batch do not grow with its size: select and lock,
        # one upsert, the vocabulary, the complaints' labels, the count of the
        # remaining ones (the batch is full) and the cron's progress.
        self.env.flush_all()
        with self.assertQueryCount(5):
            self.Complaint._cron_learn_suggestions(batch_size=4)
        with self.assertQueryCount(5):
            self.Complaint._cron_learn_suggestions(batch_size=8)

    def test_anonymising_removes_the_counts_exactly(self):
        self._learn_all()
        before = self._table()
        complaint = self._create_complaint(
            subject="Schimmel en lekkage",
            description="<p>De lekkage van het dak geeft schimmel, bel mij op "
            "0612345678. Mijn buurman Jansen heeft hetzelfde.</p>",
            team_id=self.team_a.id,
            email_from="f.yilmaz@voorbeeld-domein.example",
        )
        self.assertTrue(complaint.suggestion_ids)
        complaint.write(
            {
                "stage_id": self.stage_closed.id,
                "validity": "founded",
                "answer": "<p>Gegrond.</p>",
            }
        )
        self._learn_all()
        self.assertNotEqual(self._table(), before)
        complaint._anonymise("erasure")
        self.assertEqual(self._table(), before)
        self.assertFalse(complaint.suggestion_labels)
        self.assertFalse(
            self.Line.sudo().search([("complaint_id", "=", complaint.id)]),
            "the suggestions' words go with the text",
        )
        # Anonymised complaints are never learned again.
        self.assertEqual(self._learn_all(), 0)
        self.assertEqual(self._table(), before)

    # ------------------------------------------------------------------
    # Suggesting, in every channel
    # ------------------------------------------------------------------
    def test_mail_complaint_suggested_by_the_intake_cron(self):
        self._learn_all()
        subject, body = NEW_ARREARS
        raw = build_mail(
            subject=subject,
            body=body + "\nIk wil graag gehoord worden in een hoorzitting.",
            sender="Kees de Vries <kees.devries@example.nl>",
        )
        self._process(raw)
        complaint = self._complaints_from("kees.devries@example.nl")
        self.assertEqual(complaint.team_id, self.team_a, "the alias's team")
        # The gateway only registers; the intake cron suggests.
        self.assertFalse(complaint.suggestion_ids)
        self.Complaint._cron_send_acknowledgements()
        team = self._lines(complaint, "team")
        self.assertEqual(team.value, str(self.team_b.id))
        self.assertGreaterEqual(team.confidence, 0.5)
        self.assertIn("huurachterstand", team.words.lower())
        self.assertEqual(team.value_name, self.team_b.display_name)
        # The intake's own reading of the handling asked for stays: a strong
        # signal, no suggestion against it.
        self.assertEqual(complaint.handling_preference, "hearing")
        self.assertFalse(self._lines(complaint, "preference"))
        # Nothing changed by itself.
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertIn(team.value_name, complaint.suggestion_summary)

    def test_quick_registration_and_accept_as_handler(self):
        self._learn_all()
        wizard = Form(
            self.env["klachtenbeheer.quick.register"].with_user(self.handler_a)
        )
        wizard.channel = "phone"
        wizard.contact_name = "Mevrouw Bakker"
        wizard.subject = "Monteur kwam niet"
        wizard.description = (
            "De monteur kwam weer niet opdagen. Ik wil een hoorzitting, ik wil "
            "gehoord worden."
        )
        wizard.team_id = self.team_a
        action = wizard.save().action_register()
        complaint = self.Complaint.browse(action["res_id"]).with_user(self.handler_a)
        line = self._lines(complaint, "preference")
        self.assertEqual(line.value, "hearing")
        self.assertIn("hoorzitting", line.words)
        self.assertEqual(complaint.handling_preference, "informal")
        # One click, as the handler: through write.
        line.action_accept()
        self.assertEqual(complaint.handling_preference, "hearing")
        line.invalidate_recordset()
        self.assertTrue(line.is_current)
        self.assertFalse(line.can_accept)

    def test_web_form_complaint_suggested_at_create(self):
        self._learn_all()
        subject, body = NEW_ARREARS
        # As the web form's controller registers (as superuser, channel web
        # form, its default team).
        complaint = self.Complaint.sudo().create(
            {
                "subject": subject,
                "description": f"<p>{body}</p>",
                "channel": "web_form",
                "team_id": self.team_a.id,
                "contact_name": "Web Bewoner",
                "email_from": "web.bewoner@example.nl",
            }
        )
        self.assertEqual(self._lines(complaint, "team").value, str(self.team_b.id))

    def test_other_kind_and_ground_open_their_wizard(self):
        # A company that has learned nothing yet: the cold start (the shipped
        # Dutch words, the grounds' keywords).
        values = {"company_id": self.company_2.id, "team_id": self.team_2.id}
        self.assertFalse(self._table(self.company_2))
        complaint = self._create_complaint(
            subject="Kraan lekt",
            description="<p>Mijn kraan lekt, kan er een monteur komen om de kraan "
            "te repareren? Graag een reparatieverzoek.</p>",
            **values,
        ).with_user(self.coordinator_2)
        kind = self._lines(complaint, "kind")
        self.assertEqual(kind.value, "repair_request")
        self.assertIn("reparatieverzoek", kind.words)
        action = kind.action_accept()
        self.assertEqual(action["res_model"], "klachtenbeheer.triage.wizard")
        self.assertEqual(action["context"]["default_kind"], "repair_request")
        self.assertEqual(complaint.kind, "complaint", "the wizard asks for a note")
        rent = self._create_complaint(
            subject="Huurverhoging",
            description="<p>De huurverhoging is te hoog.</p>",
            **values,
        ).with_user(self.coordinator_2)
        ground = self._lines(rent, "ground")
        self.assertEqual(
            ground.value, str(self.env.ref("klachtenbeheer.procedure_ground_rent").id)
        )
        self.assertEqual(rent.suggested_ground_ids.ids, [int(ground.value)])
        action = ground.action_accept()
        self.assertEqual(action["res_model"], "klachtenbeheer.outside.procedure.wizard")
        self.assertEqual(action["context"]["default_ground_id"], int(ground.value))
        self.assertFalse(rent.outside_procedure_ground_id)

    def test_mass_accept_of_a_selection(self):
        self._learn_all()
        subject, body = NEW_ARREARS
        complaints = self.Complaint
        for number in range(4):
            complaints |= self._create_complaint(
                subject=f"{subject} {number}",
                description=f"<p>{body}</p>",
                team_id=self.team_a.id,
            )
        plain = self._create_complaint(subject="Vraag", team_id=self.team_a.id)
        self.assertFalse(
            plain.suggestion_ids.filtered(lambda line: line.target == "team")
        )
        # Select, Actions, Accept Suggestions.
        action = self.env.ref(
            "klachtenbeheer.klachtenbeheer_complaint_action_accept_suggestions"
        )
        selection = complaints | plain
        result = (
            action.with_user(self.coordinator)
            .with_context(
                active_model="klachtenbeheer.complaint",
                active_ids=selection.ids,
                active_id=selection[0].id,
            )
            .run()
        )
        self.assertEqual(set(complaints.mapped("team_id")), {self.team_b})
        self.assertEqual(plain.team_id, self.team_a)
        self.assertIn("4", result["params"]["message"])
        # A handler outside the complaints' team cannot take them over.
        other = self._create_complaint(
            subject=subject, description=f"<p>{body}</p>", team_id=self.team_a.id
        )
        with self.assertRaises(AccessError):
            other.with_user(self.handler_b).action_accept_suggestions()
        self.assertEqual(other.team_id, self.team_a)

    def test_automatic_team_only_when_switched_on(self):
        self._learn_all()
        subject, body = NEW_ARREARS
        values = {
            "subject": subject,
            "description": f"<p>{body}</p>",
            "contact_name": "Mevrouw Smit",
        }
        off = self._create_complaint(**values)
        self.assertFalse(off.team_id)
        self.assertEqual(self._lines(off, "team").value, str(self.team_b.id))
        self.company.write(
            {
                "klachtenbeheer_suggest_auto_team": True,
                "klachtenbeheer_suggest_auto_team_confidence": 0.999999,
            }
        )
        below = self._create_complaint(**values)
        self.assertFalse(below.team_id, "below the threshold")
        self.company.klachtenbeheer_suggest_auto_team_confidence = 0.5
        auto = self._create_complaint(**values)
        self.assertEqual(auto.team_id, self.team_b)
        self.assertIn("Team B", auto.message_ids[:1].body)
        chosen = self._create_complaint(team_id=self.team_a.id, **values)
        self.assertEqual(chosen.team_id, self.team_a, "a person chose the team")

    def test_settings_show_what_was_learned(self):
        self._learn_all()
        settings = Form(
            self.env(user=self.coordinator)["res.config.settings"],
            view="klachtenbeheer.res_config_settings_view_form_coordinator",
        )
        examples = settings.klachtenbeheer_suggest_examples
        self.assertIn('data-target="team"', examples)
        total = sum(
            count
            for key, count in self._table()["@docs"].items()
            if key.startswith("kind:")
        )
        self.assertIn(f'<td class="text-end">{total}</td>', examples)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_access(self):
        self._learn_all()
        complaint = self._create_complaint(
            subject=NEW_ARREARS[0],
            description=f"<p>{NEW_ARREARS[1]}</p>",
            team_id=self.team_a.id,
        )
        line = self._lines(complaint, "team")
        self.assertTrue(line)
        self.assertTrue(line.with_user(self.handler_a).words)
        count = self.Count.search(
            [("company_id", "=", self.company.id), ("feature", "=", "incasso")]
        )
        self.assertTrue(count.with_user(self.coordinator).counts)
        for user in (self.portal_user, self.handler_b, self.coordinator_2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).read(["words"])
            self.assertFalse(
                self.Line.with_user(user).search([("complaint_id", "=", complaint.id)])
                if user != self.portal_user
                else False
            )
        for user in (self.portal_user, self.handler_a, self.coordinator_2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                count.with_user(user).read(["feature"])
        with self.assertRaises(AccessError):
            self.Line.with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            line.with_user(self.handler_b).action_accept()
