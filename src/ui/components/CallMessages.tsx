/** The call's message log (rendered as text) and a small form to send a user-defined message. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent, type JSX } from 'react';
import { MAX_MESSAGE_BYTES, type CallMessageLogEntry } from '../../contract/schema';
import { useAction } from '../hooks/useAction';
import { messageContentText, utf8ByteLength } from '../text';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

export interface CallMessagesProps {
  callSid: string;
  messages: readonly CallMessageLogEntry[];
  canSend: boolean;
}

export function CallMessages({ callSid, messages, canSend }: CallMessagesProps): JSX.Element {
  const service = useSoftphoneService();
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
    <Box role="group" aria-label="Call messages">
      {messages.length > 0 && (
        <Box
          component="ol"
          aria-label="Message log"
          sx={{ listStyle: 'none', p: 0, m: 0, maxHeight: 160, overflowY: 'auto' }}
        >
          {messages.map((message, index) => (
            <Typography
              component="li"
              variant="body2"
              key={message.voiceEventSid ?? `${message.at}-${index}`}
              sx={{ overflowWrap: 'anywhere' }}
            >
              <strong>{message.direction === 'sent' ? 'Sent' : 'Received'}:</strong>{' '}
              {messageContentText(message.content)}
            </Typography>
          ))}
        </Box>
      )}
      <Box
        component="form"
        noValidate
        onSubmit={(event: FormEvent) => void submit(event)}
        sx={{ display: 'flex', gap: 1, mt: 1, alignItems: 'flex-start' }}
      >
        <TextField
          size="small"
          label="Message"
          value={draft}
          disabled={!canSend}
          onChange={(event) => setDraft(event.target.value)}
          error={tooLong}
          helperText={tooLong ? `Messages are limited to ${MAX_MESSAGE_BYTES / 1024} KB.` : undefined}
          sx={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit" variant="outlined" disabled={!canSend || draft.trim() === '' || tooLong || send.pending}>
          Send message
        </Button>
      </Box>
      <ActionError error={send.error} onClose={send.clearError} />
    </Box>
  );
}
