# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.klachtenbeheer_complaint_portal import PORTAL_FIELDS
from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, KlachtenbeheerCase):
    """The complainant follows their own complaints at /my/klachten."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_partner = cls.portal_user.partner_id
        cls.portal_partner.email = "kb.portal@example.com"
        cls.own = cls._create_complaint(
            subject="Schimmel in de badkamer",
            partner_id=cls.portal_partner.id,
            description="<p>Er zit al maanden schimmel op het plafond.</p>",
            desired_outcome="Het plafond laten behandelen.",
            team_id=cls.team_a.id,
            user_id=cls.handler_a.id,
            facts="Interne bevinding: ventilatie defect",
            user_concerned_id=cls.employee.id,
        )
        cls.own.message_post(
            body="Interne notitie: klager is lastig",
            subtype_xmlid="mail.mt_note",
        )
        cls.other = cls._create_complaint(subject="Geluidsoverlast buren")
        cls.handler_a.partner_id.email = "handler.a@example.com"
        if "website" in cls.env:
            # A website in another default language (the demo's Dutch) would
            # first redirect every page to /en/...: pin the test users' one.
            english = cls.env.ref("base.lang_en")
            cls.env["website"].search([]).write(
                {"language_ids": [(4, english.id)], "default_lang_id": english.id}
            )

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_list_shows_own_complaints_only(self):
        self.authenticate("kb_portal", "kb_portal")
        response = self._get("/my/klachten")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own.name, response.text)
        self.assertIn("Schimmel in de badkamer", response.text)
        self.assertNotIn(self.other.name, response.text)
        self.assertNotIn("Geluidsoverlast", response.text)
        # Sorting and paging keep working.
        response = self._get("/my/klachten/page/1?sortby=stage")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own.name, response.text)

    def test_home_counter(self):
        self.authenticate("kb_portal", "kb_portal")
        result = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["complaint_count"]}
        )
        self.assertEqual(result["complaint_count"], 1)

    def test_detail_shows_public_fields_only(self):
        self.authenticate("kb_portal", "kb_portal")
        response = self._get(f"/my/klachten/{self.own.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(self.own.name, page)
        self.assertIn("Schimmel in de badkamer", page)
        self.assertIn("schimmel op het plafond", page)
        self.assertIn("Het plafond laten behandelen.", page)
        self.assertIn(self.own.stage_id.name, page)
        # The investigation and the employee concerned stay internal.
        self.assertNotIn("ventilatie defect", page)
        self.assertNotIn(self.employee.name, page)

    def test_chatter_hides_internal_notes(self):
        self.authenticate("kb_portal", "kb_portal")
        self._get(f"/my/klachten/{self.own.id}")
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {
                "thread_model": "klachtenbeheer.complaint",
                "thread_id": self.own.id,
                "token": self.own.access_token,
            },
        )
        bodies = " ".join(
            str(message.get("body")) for message in result["data"]["mail.message"]
        )
        self.assertNotIn("klager is lastig", bodies)

    def test_rpc_hides_internal_fields(self):
        complaint = self.own.with_user(self.portal_user)
        self.assertEqual(complaint.subject, "Schimmel in de badkamer")
        fields = complaint.fields_get()
        for fname in (
            "facts",
            "user_concerned_id",
            "causes",
        ):
            self.assertNotIn(fname, fields)
        with self.assertRaises(AccessError):
            complaint.read(["facts"])
        with self.assertRaises(AccessError):
            complaint.write({"subject": "Anders"})

    def test_other_complaint_refused_by_id(self):
        self.authenticate("kb_portal", "kb_portal")
        response = self._get(f"/my/klachten/{self.other.id}")
        # _document_check_access fails: the portal sends the user home.
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertNotIn("Geluidsoverlast", response.text)
        # Also a complaint number that does not exist.
        response = self._get("/my/klachten/999999999")
        self.assertEqual(response.status_code, 303)

    def test_other_complaint_refused_by_wrong_token(self):
        self.other._portal_ensure_token()
        self.own._portal_ensure_token()
        self.authenticate("kb_portal", "kb_portal")
        # The token of one's own complaint opens no other complaint.
        response = self._get(
            f"/my/klachten/{self.other.id}?access_token={self.own.access_token}"
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("Geluidsoverlast", response.text)
        # Not logged in: a wrong token is refused as well.
        self.authenticate(None, None)
        response = self._get(f"/my/klachten/{self.other.id}?access_token=wrong")
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("Geluidsoverlast", response.text)
        response = self._get(f"/my/klachten/{self.other.id}")
        self.assertEqual(response.status_code, 303)

    def test_token_link_without_login(self):
        # The complainant of the other complaint has no user: the link in
        # the acknowledgement mail opens it with the record's token.
        url = self.other.get_portal_url()
        self.assertIn("access_token=", url)
        response = self._get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.other.name, response.text)
        self.assertIn("Geluidsoverlast buren", response.text)

    def test_list_needs_login(self):
        response = self._get("/my/klachten")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_acknowledgement_mail_links_to_portal(self):
        complaint = self._create_complaint(subject="Lift defect")
        complaint._send_acknowledgement()
        message = complaint.message_ids.filtered(
            lambda m: "Lift defect" not in (m.body or "") and m.subject
        )[:1]
        self.assertTrue(message)
        self.assertIn(f"/my/klachten/{complaint.id}?access_token=", message.body)
        self.assertIn(complaint.access_token, message.body)

    def test_portal_reply_lands_on_complaint_and_notifies_handler(self):
        self.own.message_subscribe(partner_ids=self.handler_a.partner_id.ids)
        self.authenticate("kb_portal", "kb_portal")
        self._get(f"/my/klachten/{self.own.id}")
        # The upload the portal chatter does before posting.
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "thread_id": self.own.id,
                "thread_model": "klachtenbeheer.complaint",
                "token": self.own.access_token,
                "is_pending": True,
            },
            files={"ufile": ("foto.png", b"\x89PNG\r\n\x1a\n", "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        uploaded = response.json()["data"]["ir.attachment"][0]
        attachment = self.env["ir.attachment"].browse(uploaded["id"])
        attachment_token = uploaded["access_token"]
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "klachtenbeheer.complaint",
                "thread_id": self.own.id,
                "post_data": {
                    "body": "Het is nog steeds niet opgelost.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "attachment_ids": attachment.ids,
                },
                "attachment_tokens": [attachment_token],
                "token": self.own.access_token,
            },
        )
        message = self.env["mail.message"].search(
            [
                ("model", "=", "klachtenbeheer.complaint"),
                ("res_id", "=", self.own.id),
                ("body", "ilike", "nog steeds niet opgelost"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.portal_partner)
        self.assertEqual(message.attachment_ids.name, "foto.png")
        self.assertEqual(message.attachment_ids.res_id, self.own.id)
        self.assertIn(
            self.handler_a.partner_id, message.notification_ids.res_partner_id
        )

    def test_portal_user_cannot_post_on_other_complaint(self):
        self.authenticate("kb_portal", "kb_portal")
        self.other._portal_ensure_token()
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "klachtenbeheer.complaint",
                    "thread_id": self.other.id,
                    "post_data": {"body": "Inbraak", "message_type": "comment"},
                    "token": "wrong",
                },
            )
        self.assertFalse(
            self.other.message_ids.filtered(lambda m: "Inbraak" in (m.body or ""))
        )

    def test_colleague_of_complainant_company(self):
        # A second portal user of another household sees nothing.
        stranger = new_test_user(
            self.env, login="kb_portal_2", groups="base.group_portal"
        )
        self.assertFalse(
            self.env["klachtenbeheer.complaint"].with_user(stranger).search([])
        )

    def test_tour_portal_reply(self):
        self.own.message_subscribe(partner_ids=self.handler_a.partner_id.ids)
        self.start_tour(
            f"/my/klachten/{self.own.id}",
            "klachtenbeheer_portal_reply",
            login="kb_portal",
        )
        message = self.own.message_ids.filtered(
            lambda m: "niemand geweest" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.portal_partner)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(
            self.handler_a.partner_id, message.notification_ids.res_partner_id
        )

    def test_employee_sees_only_own_complaints_as_complainant(self):
        # The handler handles "own" but did not complain: nothing listed.
        self.authenticate("kb_handler_a", "kb_handler_a")
        response = self._get("/my/klachten")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.own.name, response.text)
        # A complaint of their own, that their record rules let them read.
        mine = self._create_complaint(
            user=self.handler_a,
            subject="Eigen klacht",
            partner_id=self.handler_a.partner_id.id,
        )
        response = self._get("/my/klachten")
        self.assertIn(mine.name, response.text)
        self.assertNotIn(self.own.name, response.text)


@tagged("post_install", "-at_install")
class TestPortalFieldBoundary(HttpCase, KlachtenbeheerCase):
    """A complainant reads an allow-list of fields of their own complaint,
    by every way in; every other field, present and future, is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._create_complaint(
            subject="Lekkage",
            partner_id=cls.portal_user.partner_id.id,
            team_id=cls.team_a.id,
            user_id=cls.handler_a.id,
            answer="<p>Wij vinden uw klacht gegrond.</p>",
            validity="founded",
        )

    def test_every_field_walked(self):
        complaint = self.own.with_user(self.portal_user)
        readable = set()
        for name in complaint._fields:
            complaint.invalidate_recordset()
            try:
                complaint.read([name])
            except AccessError:
                continue
            readable.add(name)
        self.assertEqual(readable, set(PORTAL_FIELDS) & set(complaint._fields))
        self.assertEqual(set(complaint.fields_get()), readable)
        # A read of "all fields" returns the allowed ones only.
        self.assertLessEqual(set(complaint.read()[0]), readable)

    def test_answer_only_once_sent(self):
        complaint = self.own.with_user(self.portal_user)
        self.assertFalse(complaint.portal_answer)
        self.own.sudo().date_answered = "2026-11-20 10:00:00"
        complaint.invalidate_recordset()
        self.assertIn("gegrond", complaint.portal_answer)

    @mute_logger("odoo.http")
    def test_json_rpc_refuses_private_fields(self):
        self.authenticate("kb_portal", "kb_portal")
        for fname in (
            "legal_advice",
            "criminal_suspicion_reason",
            "no_hearing_reason",
            "redirect_note",
            "policy_guidance",
            "validity",
            "user_id",
            "team_id",
            "measures_taken",
            "answer",
            "representative_id",
        ):
            if fname not in self.own._fields:
                continue
            with self.subTest(field=fname), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": "klachtenbeheer.complaint",
                        "method": "web_read",
                        "args": [[self.own.id]],
                        "kwargs": {"specification": {fname: {}}},
                    },
                )
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "klachtenbeheer.complaint",
                "method": "search_read",
                "args": [[], ["name", "subject"]],
                "kwargs": {},
            },
        )
        self.assertEqual([r["id"] for r in result], self.own.ids)
