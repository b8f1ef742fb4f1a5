/**
 * "Test speaker": plays the deployment's own test sound (the `outgoing` sound its client-config advertises, never
 * Twilio's CDN) on the selected speaker, and says what to do if nothing was heard. Without a local sound it asks
 * the service (the SDK's speaker test).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type JSX } from 'react';
import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { useUiOptions } from '../UiOptions';
import { ActionError } from './ActionError';

type SinkableAudio = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Plays `url` once on `sinkId` (when the browser can choose), resolving when it has played. */
export async function playTestSound(url: string, sinkId: string | null): Promise<void> {
  const audio: SinkableAudio = new Audio(url);
  if (sinkId && typeof audio.setSinkId === 'function') await audio.setSinkId(sinkId);
  const ended = new Promise<void>((resolve, reject) => {
    audio.addEventListener('ended', () => resolve(), { once: true });
    audio.addEventListener('error', () => reject(new Error('test sound failed')), { once: true });
  });
  await audio.play();
  await ended;
}

export function SpeakerTest({ sinkId }: { sinkId: string | null }): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const { testSoundUrl } = useUiOptions();
  const [played, setPlayed] = useState(false);
  const test = useAction(async () => {
    setPlayed(false);
    try {
      await (testSoundUrl ? playTestSound(testSoundUrl, sinkId) : service.testSpeaker());
    } catch {
      throw new Error(t('settings.testFailed'));
    }
    setPlayed(true);
  });
  return (
    <Box>
      <Button size="small" variant="outlined" disabled={test.pending} onClick={() => void test.run()}>
        {t('settings.testSpeaker')}
      </Button>
      <Typography role="status" variant="body2" sx={{ mt: 0.5 }}>
        {test.pending ? t('settings.testPlaying') : played ? t('settings.testPlayed') : ''}
      </Typography>
      <ActionError error={test.error} onClose={test.clearError} />
    </Box>
  );
}
