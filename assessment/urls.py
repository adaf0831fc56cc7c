"""The penilaian mandiri's addresses, included by `portal.urls`. A team member's pages hang off `/penilaian/`;
a verifikator reaches the same pages of an instansi they verify under `/penilaian/verifikasi/<instansi>/`."""

from django.urls import include, path

from .views import action_plan, answers, learning, reports, team, verification, workspace

# The pages of one year's assessment, for the team (their own instansi) and for its verifikator.
year_patterns = [
    path("", workspace.overview, name="assessment_year"),
    path("ajukan/", workspace.submit, name="assessment_submit"),
    path("riwayat/", workspace.history, name="assessment_history"),
    path("perubahan/<int:round_number>/", workspace.changes, name="assessment_changes"),
    path("jalur-belajar/", learning.path_page, name="assessment_learning"),
    path("rencana-aksi/", action_plan.plan, name="assessment_actions"),
    path("rencana-aksi/<id:item_id>/", action_plan.edit, name="assessment_action_edit"),
    path("laporan/", reports.report_page, name="assessment_report"),
    path("laporan.pdf", reports.report_pdf, name="assessment_report_pdf"),
    path("laporan.xlsx", reports.report_xlsx, name="assessment_report_xlsx"),
    path("laporan.csv", reports.report_csv, name="assessment_report_csv"),
    path("verifikasi/tutup/", verification.close, name="assessment_round_close"),
    path("verifikasi/terbitkan/", verification.publish, name="assessment_publish"),
    path("<slug:aspect_slug>/", answers.aspect_form, name="assessment_aspect"),
]

urlpatterns = [
    path("penilaian/", workspace.workspace, name="assessment_workspace"),
    path("penilaian/mulai/", workspace.start, name="assessment_start"),
    path("penilaian/tim/", team.team_page, name="assessment_team"),
    path("penilaian/undangan/<str:token>/", team.accept, name="assessment_invitation"),
    path("penilaian/bukti/<id:evidence_id>/hapus/", answers.remove_evidence, name="assessment_evidence_remove"),
    path("penilaian/bukti/<id:evidence_id>/<str:filename>", answers.evidence, name="assessment_evidence"),
    path("penilaian/verifikasi/", verification.assigned, name="assessment_verifier"),
    path("penilaian/verifikasi/<id:instansi_id>/<int:year>/", include(year_patterns)),
    path("penilaian/<int:year>/", include(year_patterns)),
]
