import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';

describe('/help', () => {
  it('says what Tribune does and lists the commands a member may use, in French', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator.slashCommand({ name: 'help', user: DEFAULT_IDS.member }).reply();
    expect(reply.ephemeral).toBe(true);
    const text = reply.embeds[0]?.description ?? '';
    expect(reply.embeds[0]?.title).toBe('Tribune — aide');
    expect(text).toContain('Tribune accompagne les cercles de lecture');
    expect(text).toContain('**/section** — Cite le texte');
    expect(text).toContain('**/sondage créer**');
    expect(text).toContain('**/confidentialité effacer**');
    expect(text).toContain('**/aide**');
    // Reading plans need Manage Server: a plain member is shown only their own progress.
    expect(text).toContain('**/lecture progression**');
    expect(text).not.toContain('/lecture lancer');
    expect(text).not.toContain('/lecture état');
  });

  it('shows organisers the commands their permissions open, in English for an English client', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'help', user: DEFAULT_IDS.owner, locale: 'en-GB' })
      .reply();
    const text = reply.embeds[0]?.description ?? '';
    expect(reply.embeds[0]?.title).toBe('Tribune — help');
    expect(text).toContain('**/reading start**');
    expect(text).toContain('**/poll create**');
    expect(text).toContain('**/about**');
  });
});

describe('/about', () => {
  it('gives the version, the licence, the source and what Tribune keeps', async () => {
    const { emulator } = await startTestBot({
      env: { SOURCE_URL: 'https://example.org/tribune', POLL_RETENTION_DAYS: '30' },
    });
    const reply = await emulator.slashCommand({ name: 'about' }).reply();
    expect(reply.ephemeral).toBe(true);
    const text = reply.embeds[0]?.description ?? '';
    expect(text).toContain(`Tribune ${packageJson.version}`);
    expect(text).toContain('GNU AGPL v3');
    expect(text).toContain('Code source : https://example.org/tribune');
    expect(text).toContain('effacés 30 jours après la clôture');
  });

  it('without SOURCE_URL, tells members to ask the host, in English too', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator.slashCommand({ name: 'about', locale: 'en-US' }).reply();
    expect(reply.embeds[0]?.description).toContain('Source code: ask whoever hosts this bot');
  });
});
