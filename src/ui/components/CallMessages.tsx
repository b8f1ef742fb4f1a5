/** The call's message log (rendered as text) and a small form to send a user-defined message. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent, type JSX } from 'react';
import { MAX_MESSAGE_BYTES, type CallMessageLogEntry } from '../../contract/schema';
import { messageContentText, utf8ByteLength } from '../format';
import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { TextInputField } from './Field';
import '../i18n/callTexts'; // this screen's texts, with its chunk

export interface CallMessagesProps {
  callSid: string;
  messages: readonly CallMessageLogEntry[];
  canSend: boolean;
}

export function CallMessages({ callSid, messages, canSend }: CallMessagesProps): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const send = useAction((content: string) => service.sendMessage(content, 'user-defined-message', callSid));
  const tooLong = utf8ByteLength(draft) > MAX_MESSAGE_BYTES;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() === '' || tooLong) return;
    if (await send.run(draft)) setDraft('');
  };

  return (
    // A group inside the call's region, not a landmark of its own: both phones of a call show one.
    <Box role="group" aria-label={t('msg.group')}>
      {messages.length > 0 && (
        <Box
          component="ol"
          aria-label={t('msg.log')}
          sx={{ listStyle: 'none', p: 0, m: 0, maxHeight: 160, overflowY: 'auto' }}
        >
          {messages.map((message, index) => (
            <Typography
              component="li"
              variant="body2"
              key={message.voiceEventSid ?? `${message.at}-${index}`}
              sx={{ overflowWrap: 'anywhere' }}
            >
              <strong>{message.direction === 'sent' ? t('msg.sent') : t('msg.received')}:</strong>{' '}
              {messageContentText(message.content)}
            </Typography>
          ))}
        </Box>
      )}
      <Box
        component="form"
        noValidate
        onSubmit={(event: FormEvent) => void submit(event)}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'flex-start' }}
      >
        <TextInputField
          label={t('msg.label')}
          value={draft}
          disabled={!canSend}
          onChange={(event) => setDraft(event.target.value)}
          error={tooLong}
          helperText={tooLong ? t('msg.tooLong', { kb: MAX_MESSAGE_BYTES / 1024 }) : undefined}
          sx={{ flex: '1 1 10em', minWidth: 0 }}
        />
        <Button type="submit" variant="outlined" disabled={!canSend || draft.trim() === '' || tooLong || send.pending}>
          {t('msg.send')}
        </Button>
      </Box>
      <ActionError error={send.error} onClose={send.clearError} />
    </Box>
  );
}
