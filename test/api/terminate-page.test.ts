import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { addDays } from '../../src/common/dates.js';
import { MAX_EVIDENCE_BYTES } from '../../src/contracts/evidence.rules.js';
import { createSchool } from '../support/factory.js';
import { Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/**
 * The public page to end a contract (/terminate) over HTTP, as a browser without JavaScript posts
 * it: urlencoded and multipart (with the evidence file). The answer never tells whether the
 * contract matched; a match is recorded with its evidence and the student gets a receipt.
 */
let h: Harness;
let staff: Client;
let school: { id: string; name: string };
let n = 0;

/** A small real PDF (the type is decided by its first bytes, `%PDF-`). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  h = await startHarness();
  staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  school = await createSchool(staff, { name: 'Taalschool De Brug', city: 'Zwolle' });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function contract() {
  n += 1;
  const body = {
    schoolId: school.id,
    student: { name: `Student ${n}`, email: `student${n}-${Date.now()}@terminate.test`, language: 'nl' },
    contractNumber: `TP-${n}-${Date.now()}`,
    signedOn: addDays(today(), -60),
    startDate: addDays(today(), -50),
    plannedEndDate: addDays(today(), 300),
    courseType: 'nt2',
    educationLevel: 'middle',
    hourlyRateCents: 1299,
    plannedHours: 360,
    hoursPerWeek: 8,
    funder: 'duo_loan',
  };
  const r = await staff.post('/api/contracts', body);
  if (r.status !== 201) throw new Error(`contract not created: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id as string, number: body.contractNumber, email: body.student.email };
}

type Fields = Record<string, string>;

async function postForm(fields: Fields, lang = 'nl') {
  return fetch(`${h.baseUrl}/terminate?lang=${lang}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { accept: 'text/html' },
    redirect: 'manual',
  });
}

/** As a browser sends the form: multipart, the file input last (empty when no file is chosen). */
async function postMultipart(
  fields: Fields,
  file?: { name: string; bytes: Buffer; type?: string },
  lang = 'nl',
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file)
    fd.append(
      'evidence',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/pdf' }),
      file.name,
    );
  else fd.append('evidence', new Blob([], { type: 'application/octet-stream' }), '');
  return fetch(`${h.baseUrl}/terminate?lang=${lang}`, {
    method: 'POST',
    body: fd,
    headers: { accept: 'text/html' },
    redirect: 'manual',
  });
}

function form(c: { number: string; email: string }, over: Fields = {}): Fields {
  return {
    contractNumber: c.number,
    q: '',
    schoolId: school.id,
    studentEmail: c.email,
    ground: 'notice',
    requestedOn: today(),
    complaintReference: '',
    note: '',
    go: 'send',
    ...over,
  };
}

/** What the student sees after sending: the redirect and the page it leads to, without per-request headers. */
async function answer(res: Response) {
  const location = res.headers.get('location');
  const page = location ? await fetch(`${h.baseUrl}${location}`) : null;
  return {
    status: res.status,
    location,
    body: await res.text(),
    cacheControl: res.headers.get('cache-control'),
    pageStatus: page?.status,
    page: page ? await page.text() : null,
  };
}

async function terminations(contractId: string) {
  return (await staff.get(`/api/contracts/${contractId}`)).body.terminations as {
    ground: string;
    status: string;
    source: string;
    requestedOn: string;
    complaintReference: string | null;
    note: string | null;
    evidence: { fileName: string; contentType: string; sizeBytes: number; sha256: string }[];
  }[];
}

describe('the termination request page', () => {
  it('gives a matching and a non-matching request the same answer (urlencoded); only the match is recorded and gets a receipt', async () => {
    const c = await contract();
    const other = await contract();
    const match = await answer(await postForm(form(c, { studentEmail: c.email.toUpperCase() })));
    const wrongEmail = await answer(await postForm(form(c, { studentEmail: 'someone.else@terminate.test' })));
    const unknownNumber = await answer(await postForm(form(other, { contractNumber: 'NO-SUCH-1' })));

    expect(match.status).toBe(303);
    expect(match.location).toBe('/terminate/verstuurd?g=notice&bewijs=0');
    expect(wrongEmail).toEqual(match);
    expect(unknownNumber).toEqual(match);
    expect(match.pageStatus).toBe(200);
    expect(match.page).toContain('Wij hebben uw verzoek ontvangen');
    expect(match.page).toContain('binnen 1 dag geen e-mail');
    expect(match.page).toContain('lening bij DUO');

    expect(await terminations(c.id)).toEqual([
      expect.objectContaining({
        source: 'student',
        status: 'requested',
        ground: 'notice',
        requestedOn: today(),
      }),
    ]);
    expect(await terminations(other.id)).toEqual([]);
    await h.smtp.waitFor(() => h.smtp.to(c.email).length === 1, 15_000, 'receipt');
    expect(h.smtp.to(c.email)[0].subject).toContain('Wij hebben uw verzoek ontvangen');
    expect(h.smtp.to('someone.else@terminate.test')).toHaveLength(0);
    expect(h.smtp.to(other.email)).toHaveLength(0);
  });

  it('gives the same answer for multipart with a file; the match is stored with its evidence', async () => {
    const c = await contract();
    const over = { ground: 'moved', note: 'Verhuisd naar Groningen.' };
    const file = { name: 'inschrijving gemeente.pdf', bytes: PDF };
    const match = await answer(await postMultipart(form(c, over), file));
    const noMatch = await answer(
      await postMultipart(form(c, { ...over, studentEmail: 'nobody@terminate.test' }), file),
    );
    expect(match.status).toBe(303);
    expect(match.location).toBe('/terminate/verstuurd?g=moved&bewijs=1');
    expect(noMatch).toEqual(match);
    expect(match.page).toContain('U stuurde een bestand als bewijs mee');

    const [t] = await terminations(c.id);
    expect(t).toMatchObject({
      ground: 'moved',
      status: 'requested',
      source: 'student',
      note: 'Verhuisd naar Groningen.',
    });
    expect(t.evidence).toEqual([
      expect.objectContaining({
        fileName: 'inschrijving gemeente.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
      }),
    ]);
    await h.smtp.waitFor(() => h.smtp.to(c.email).length === 1, 15_000, 'receipt');
  });

  it('asks a justification for another weighty reason, in Dutch and English, and records it with the file', async () => {
    const c = await contract();
    const nl = await postMultipart(form(c, { ground: 'other_weighty_reason', justification: '' }));
    expect(nl.status).toBe(422);
    const nlBody = await nl.text();
    expect(nlBody).toContain('Schrijf op waarom u niet verder kunt met de cursus');
    const en = await postMultipart(
      form(c, { ground: 'other_weighty_reason', justification: '' }),
      undefined,
      'en',
    );
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('Write down why you cannot go on with the course');
    expect(await terminations(c.id)).toEqual([]);

    const justification = 'Ik zorg voor mijn zieke vader en kan niet meer naar de lessen.';
    const sent = await answer(
      await postMultipart(form(c, { ground: 'other_weighty_reason', justification }), {
        name: 'verklaring.pdf',
        bytes: PDF,
      }),
    );
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/terminate/verstuurd?g=other_weighty_reason&bewijs=1');
    const [t] = await terminations(c.id);
    expect(t).toMatchObject({ ground: 'other_weighty_reason', status: 'requested', justification });
    expect(t.evidence).toHaveLength(1);
    // With another ground the field is ignored, as the complaint reference is.
    const other = await contract();
    await postForm(form(other, { ground: 'notice', justification: 'niet nodig' }));
    expect((await terminations(other.id))[0]).toMatchObject({ ground: 'notice', justification: null });
  });

  it('takes the notice ground without a file (multipart with an empty file input) and a weighty ground without one, with the notice to send proof later', async () => {
    const c = await contract();
    const notice = await answer(await postMultipart(form(c)));
    expect(notice.location).toBe('/terminate/verstuurd?g=notice&bewijs=0');
    expect(notice.page).not.toContain('bewijs nodig');
    expect(await terminations(c.id)).toEqual([expect.objectContaining({ ground: 'notice', evidence: [] })]);

    const ill = await contract();
    const later = await answer(await postMultipart(form(ill, { ground: 'long_illness' }), undefined, 'en'));
    expect(later.location).toBe('/terminate/verstuurd?g=long_illness&bewijs=0');
    const page = await (await fetch(`${h.baseUrl}${later.location}&lang=en`)).text();
    expect(page).toContain('For this reason we need proof. You did not send proof yet.');
    expect(await terminations(ill.id)).toEqual([
      expect.objectContaining({ ground: 'long_illness', status: 'requested', evidence: [] }),
    ]);
  });

  it('refuses a file over the cap with 413 and the form again, values kept, nothing recorded', async () => {
    const c = await contract();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES + 100 * 1024 - PDF.length, 0x20)]);
    const res = await postMultipart(form(c, { ground: 'moved', note: 'Mijn nieuwe adres' }), {
      name: 'scan.pdf',
      bytes: big,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Fout: ');
    expect(html).toContain('Het bestand is te groot. Het mag maximaal 5 MB zijn.');
    expect(html).toContain(`value="${c.number}"`);
    expect(html).toContain('Mijn nieuwe adres');
    expect(html).toMatch(/<input[^>]*value="moved"[^>]*checked|<input[^>]*checked[^>]*value="moved"/);
    expect(html).toContain('Kies het bestand opnieuw');

    // Just over the cap (the body itself within the limit): refused by the same rule.
    const justOver = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES + 1 - PDF.length, 0x20)]);
    const res2 = await postMultipart(
      form(c, { ground: 'moved' }),
      { name: 'scan.pdf', bytes: justOver },
      'en',
    );
    expect(res2.status).toBe(413);
    expect(await res2.text()).toContain('The file is too large. It may be at most 5 MB.');

    // Exactly the cap is accepted.
    const exact = Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES - PDF.length, 0x20)]);
    const ok = await postMultipart(form(c, { ground: 'moved' }), { name: 'scan.pdf', bytes: exact });
    expect(ok.status).toBe(303);
    const [t] = await terminations(c.id);
    expect(t.evidence[0].sizeBytes).toBe(MAX_EVIDENCE_BYTES);
  }, 60_000);

  it('refuses a text file named .pdf, by its content, and keeps nothing', async () => {
    const c = await contract();
    const res = await postMultipart(form(c, { ground: 'moved' }), {
      name: 'brief.pdf',
      bytes: Buffer.from('Dit is geen PDF maar platte tekst.\n'),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Dit bestand kunnen wij niet gebruiken. Stuur een PDF, PNG of JPEG.');
    expect(html).toContain('href="#evidence"');
    expect(await terminations(c.id)).toEqual([]);
  });

  it('explains every problem at once, in Dutch and in English, and keeps the values', async () => {
    const nl = await postForm({ contractNumber: 'C 1 ?', studentEmail: 'geen-adres', go: 'send' });
    expect(nl.status).toBe(422);
    const nlHtml = await nl.text();
    expect(nlHtml).toContain('Er is iets niet goed ingevuld');
    for (const field of ['contractNumber', 'schoolId', 'studentEmail', 'ground'])
      expect(nlHtml).toContain(`href="#${field}"`);
    expect(nlHtml).toContain('Alleen letters, cijfers en . _ / - zijn mogelijk.');
    expect(nlHtml).toContain('Kies waarom u wilt stoppen.');
    expect(nlHtml).toContain('value="C 1 ?"');

    const c = await contract();
    const en = await postForm(
      form(c, { ground: 'arbitration_vindicated', requestedOn: addDays(today(), -1) }),
      'en',
    );
    expect(en.status).toBe(422);
    const enHtml = await en.text();
    expect(enHtml).toContain('<title>Error: ');
    expect(enHtml).toContain('Choose today or a later day. A request counts from the day we receive it.');
    expect(enHtml).toContain('Fill in the reference of your complaint, for example K-2026-000042.');
    expect(await terminations(c.id)).toEqual([]);

    // With the reference, the arbitration ground is taken (in capitals, as the API stores it).
    const ok = await postForm(
      form(c, { ground: 'arbitration_vindicated', complaintReference: ' k-2026-000042 ' }),
    );
    expect(ok.status).toBe(303);
    expect(await terminations(c.id)).toEqual([
      expect.objectContaining({ ground: 'arbitration_vindicated', complaintReference: 'K-2026-000042' }),
    ]);
  });

  it('ignores unknown fields, like the other public forms (the JSON API refuses them)', async () => {
    const c = await contract();
    const res = await postForm({ ...form(c), password: 'x', status: 'approved', evidence: 'not a file' });
    expect(res.status).toBe(303);
    expect(await terminations(c.id)).toEqual([
      expect.objectContaining({ status: 'requested', ground: 'notice', evidence: [] }),
    ]);
    const api = await new Client(h.baseUrl).post('/api/public/terminations', {
      contractNumber: c.number,
      schoolId: school.id,
      studentEmail: c.email,
      ground: 'notice',
      requestedOn: today(),
      password: 'x',
    });
    expect(api.status).toBe(400);
    // The API keeps refusing multipart: it takes JSON (evidence as base64) only.
    const fd = new FormData();
    fd.append('contractNumber', c.number);
    expect((await fetch(`${h.baseUrl}/api/public/terminations`, { method: 'POST', body: fd })).status).toBe(
      415,
    );
    // Also when the path is percent-encoded: Fastify routes /%61pi/… to /api/…, and so does the check.
    const encoded = await fetch(`${h.baseUrl}/%61pi/public/terminations`, { method: 'POST', body: fd });
    expect(encoded.status).toBe(415);
    expect(encoded.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('preselects the school and the ground from the link in the quality-mark email', async () => {
    const res = await fetch(`${h.baseUrl}/terminate?school=${school.id}&ground=quality_mark_withdrawn`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<option value="${school.id}" selected`));
    expect(html).toMatch(/<input[^>]*value="school_lost_quality_mark"[^>]*checked/);
    expect(html).toContain(`value="${today()}"`);
    expect(html).toContain('enctype="multipart/form-data"');
    // A mail program may take the full stop after the link in the email along: still preselected.
    const stop = await (
      await fetch(`${h.baseUrl}/terminate?school=${school.id}&ground=quality_mark_withdrawn.`)
    ).text();
    expect(stop).toMatch(/<input[^>]*value="school_lost_quality_mark"[^>]*checked/);
    // Nonsense in the link preselects nothing.
    const odd = await (await fetch(`${h.baseUrl}/terminate?school=x&ground=<b>`)).text();
    expect(odd).not.toMatch(/checked/);
    // The home page links to the form.
    expect(await (await fetch(`${h.baseUrl}/`)).text()).toContain('href="/terminate"');
  });
});
