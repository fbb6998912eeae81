//! Lowering one platform folder: index.md, its sections, lists, meetings and reports.

use std::collections::BTreeSet;

use crate::content::{Doc, PlatformRaw, RawPlatform, SourceFile};
use crate::diagnostic::Diagnostics;
use crate::model::lower::ctx::{Ctx, Secrecy, Visibility, reached};
use crate::model::lower::{LowerOptions, lists, meeting};
use crate::model::types::*;
use crate::model::vocab::*;

pub fn lower_platform(
    p: &RawPlatform,
    agencies: &BTreeSet<String>,
    opts: &LowerOptions,
    diags: &mut Diagnostics,
) -> Option<Platform> {
    let Some(index) = &p.index else {
        if !p.index_failed {
            diags.push(crate::diagnostic::Diagnostic::error(
                &p.dir.join("index.md"),
                None,
                "平臺資料夾缺少 index.md（平臺基本資料與案件背景）",
            ));
        }
        check_rest(
            p,
            opts,
            Secrecy {
                track: Track::Procurement,
                reached: None,
            },
            diags,
        );
        return None;
    };
    let platform = lower_index(index, &p.slug, agencies, opts, diags);
    let track = platform.as_ref().map_or(Track::Procurement, |pl| pl.case_type.track());
    let milestones = platform.as_ref().map(|pl| pl.milestones.as_slice()).unwrap_or_default();
    let secrecy = Secrecy {
        track,
        reached: reached(track, milestones.iter().filter(|m| m.actual.is_some()).map(|m| m.stage)),
    };
    let hidden = {
        let mut cx = ctx(&index.src, diags, opts, Some(secrecy));
        let r = &index.data;
        cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden
    };
    // Lower the rest even when index.md has errors, so every problem is reported.
    let Some(mut platform) = platform else {
        check_rest(p, opts, secrecy, diags);
        return None;
    };
    // Links were checked with index.md; decide their visibility now that secrecy is known.
    platform.links = lists::links(&mut ctx(&index.src, diags, opts, Some(secrecy)), &index.data.links);
    platform.sections = sections(p, opts, secrecy, diags);
    let l = lists::Lists {
        platform: p,
        opts,
        secrecy,
    };
    platform.qa = l.qa(diags);
    platform.risks = l.risks(diags);
    platform.ethics_log = l.ethics(diags);
    platform.evaluation = l.evaluation(diags);
    platform.documents = l.documents(diags);
    platform.meetings = meeting::meetings(p, opts, secrecy, diags);
    platform.reports = meeting::reports(p, opts, secrecy, diags);
    platform.content_updated = platform.latest_date_until(None).unwrap_or(platform.established);
    platform.updated = platform.content_updated;
    (!hidden).then_some(platform)
}

/// Check the rest of a platform folder whose index.md is unusable (for diagnostics only).
fn check_rest(p: &RawPlatform, opts: &LowerOptions, secrecy: Secrecy, diags: &mut Diagnostics) {
    sections(p, opts, secrecy, diags);
    let l = lists::Lists {
        platform: p,
        opts,
        secrecy,
    };
    l.qa(diags);
    l.risks(diags);
    l.ethics(diags);
    l.evaluation(diags);
    l.documents(diags);
    meeting::meetings(p, opts, secrecy, diags);
    meeting::reports(p, opts, secrecy, diags);
}

pub fn ctx<'a>(
    src: &'a SourceFile,
    diags: &'a mut Diagnostics,
    opts: &LowerOptions,
    secrecy: Option<Secrecy>,
) -> Ctx<'a> {
    Ctx {
        src,
        diags,
        now: opts.now,
        drafts: opts.drafts,
        secrecy,
    }
}

fn lower_index(
    doc: &Doc<PlatformRaw>,
    slug: &str,
    agencies: &BTreeSet<String>,
    opts: &LowerOptions,
    diags: &mut Diagnostics,
) -> Option<Platform> {
    let r = &doc.data;
    let mut cx = ctx(&doc.src, diags, opts, None);
    let start = doc.src.start();
    cx.front_matter_required("title、agency、case_type、established、status");
    let title = cx.required_text("title", "平臺名稱", &r.title, &r.title_en, start);
    let agency = agency_ref(&mut cx, &r.agency, agencies, start);
    let case_type: Option<CaseType> = cx.required_code("case_type", "案件類型", &r.case_type, start);
    let established = cx.required_date("established", "成立日期", &r.established, start);
    let status: Option<Status> = cx.required_code("status", "狀態", &r.status, start);
    let closed_on = cx.date("closed_on", &r.closed_on);
    if status == Some(Status::Closed) && r.closed_on.is_none() {
        let p = r.status.as_ref().map_or(start, |s| cx.at(s));
        cx.err(p, "狀態為 closed（已結束）時必須填寫 closed_on（結束日期）");
    }
    if let (Some(c), Some(e), Some(raw)) = (closed_on, established, &r.closed_on)
        && c < e
    {
        let p = cx.at(raw);
        cx.err(p, "結束日期 closed_on 早於成立日期 established");
    }
    let amount = cx.amount("amount", &r.amount);
    let plan_approved = cx.date("plan_approved", &r.plan_approved);
    let milestones = milestones(&mut cx, r, case_type.map(CaseType::track));
    // Links are lowered by `lower_platform` once secrecy is known.
    let links = Vec::new();
    let case_type = case_type?;
    let (exit_zh, exit_en) = case_type.default_exit();
    let exit = cx
        .text(&r.exit, &r.exit_en)
        .unwrap_or_else(|| Text::new(exit_zh, Some(exit_en.into())));
    Some(Platform {
        slug: slug.to_string(),
        title: title?,
        agency: agency?,
        project: cx.text(&r.project, &r.project_en),
        summary: cx.text(&r.summary, &r.summary_en),
        case_type,
        amount,
        established: established?,
        plan_approved,
        exit,
        exit_set: r.exit.is_some(),
        status: status?,
        closed_on,
        participants: cx.list(&r.participants, &r.participants_en),
        milestones,
        links,
        tags: cx.list(&r.tags, &r.tags_en),
        background: body(&doc.src, doc.body_en.as_ref()),
        sections: vec![],
        qa: vec![],
        risks: vec![],
        ethics_log: vec![],
        evaluation: vec![],
        documents: vec![],
        meetings: vec![],
        reports: vec![],
        content_updated: established?,
        updated: established?,
        revisions: vec![],
    })
}

/// Check an agency reference against agencies.yaml.
pub fn agency_ref(
    cx: &mut Ctx,
    v: &Option<crate::content::Text>,
    agencies: &BTreeSet<String>,
    start: crate::diagnostic::Pos,
) -> Option<String> {
    let Some(a) = v else {
        cx.missing("agency", "執行機關代碼，見 agencies.yaml", start);
        return None;
    };
    let id = a.value.trim();
    if agencies.contains(id) {
        return Some(id.to_string());
    }
    let p = cx.at(a);
    let ids: Vec<&str> = agencies.iter().map(String::as_str).collect();
    let hint = crate::content::messages::closest(id, &ids)
        .map(|c| format!("是不是要寫「{c}」？"))
        .unwrap_or_default();
    cx.err(
        p,
        format!("機關代碼「{id}」不在 agencies.yaml 中。{hint}請先在 agencies.yaml 新增這個機關，或改用已有的代碼"),
    );
    None
}

/// Milestones; stages are checked against the track when the case type is known.
fn milestones(cx: &mut Ctx, r: &PlatformRaw, track: Option<Track>) -> Vec<Milestone> {
    let mut out = Vec::new();
    for m in &r.milestones {
        let pos = cx.at(m);
        let v = &m.value;
        if v.stage.is_none() {
            cx.missing("stage", "階段代碼", pos);
        }
        // A stage outside the track is reported and the milestone left out; its dates
        // are still checked, so every problem of the entry shows at once.
        let stage = cx.stage(&v.stage, track);
        let planned = cx.date("planned", &v.planned);
        let actual = cx.date("actual", &v.actual);
        if v.planned.is_none() && v.actual.is_none() {
            cx.err(pos, "里程碑至少要有 planned（預定日期）或 actual（實際日期）其中之一");
        }
        // Draft and embargo first; secrecy is decided below from the other milestones.
        let vis = cx.visibility(&v.draft, &v.publish_after, &None);
        let secret = v
            .confidential_until
            .as_ref()
            .map(|_| cx.code::<Confidential>("confidential_until", &v.confidential_until));
        if let (Some(stage), Visibility::Published) = (stage, vis) {
            let m = Milestone {
                stage,
                title: cx.text(&v.title, &v.title_en),
                planned,
                actual,
                note: cx.text(&v.note, &v.note_en),
            };
            out.push((m, secret));
        }
    }
    lift_secret_milestones(out, track)
}

/// Milestones carrying `confidential_until` are published once the platform's other (not
/// secret) milestones reach that point; the secret ones never lift themselves or each
/// other. `None` inside: an unreadable value (already an error) — withheld.
fn lift_secret_milestones(all: Vec<(Milestone, Option<Option<Confidential>>)>, track: Option<Track>) -> Vec<Milestone> {
    let public = all
        .iter()
        .filter(|(m, secret)| secret.is_none() && m.actual.is_some())
        .map(|(m, _)| m.stage);
    let lift = track.map(|t| Secrecy {
        track: t,
        reached: reached(t, public),
    });
    all.into_iter()
        .filter(|(_, secret)| match secret {
            None => true,
            Some(c) => c.is_some_and(|c| lift.is_some_and(|s| s.lifted(c))),
        })
        .map(|(m, _)| m)
        .collect()
}

fn sections(p: &RawPlatform, opts: &LowerOptions, secrecy: Secrecy, diags: &mut Diagnostics) -> Vec<Section> {
    let titles = [
        ("planning", "規劃過程", "Planning"),
        ("progress", "辦理進度", "Progress"),
        ("ethics", "廉政倫理規範宣導", "Ethics guidance"),
    ];
    let mut out = Vec::new();
    for (key, zh, en) in titles {
        let Some(doc) = p.sections.get(key) else {
            continue;
        };
        let r = &doc.data;
        let mut cx = ctx(&doc.src, diags, opts, Some(secrecy));
        if cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden {
            continue;
        }
        let title = cx
            .text(&r.title, &r.title_en)
            .unwrap_or_else(|| Text::new(zh, Some(en.into())));
        let body = body(&doc.src, doc.body_en.as_ref());
        // An empty file (a placeholder for later) shows no empty heading.
        if body.source.trim().is_empty() && body.source_en.is_none() {
            continue;
        }
        out.push(Section {
            key: key.into(),
            title,
            body,
        });
    }
    out
}

/// A Markdown body (rendered later by the render stage).
pub fn body(src: &SourceFile, en: Option<&SourceFile>) -> Body {
    Body {
        source: src.body().to_string(),
        source_en: en.map(|e| e.body().to_string()).filter(|s| !s.trim().is_empty()),
        ..Body::default()
    }
}
