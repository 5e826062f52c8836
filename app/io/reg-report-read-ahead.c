/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading thread fills a free block with copies of the customers its callback yields and
 * hands it over; the writing thread takes full blocks in order and gives them back once written.
 * The callback's strings live only until its next call, hence the copies. The last block handed
 * over is marked as the end and carries the callback's error, if any, after its customers: the
 * writer sees every customer read before the error, then the error.
 */

#include "reg-export-util.h"
#include "reg-report-read-ahead.h"

typedef struct
{
  RegReportCustomer rows[REG_REPORT_READ_AHEAD_BLOCK];
  guint             n;
  gboolean          end;
  GError           *error;
} Block;

struct _RegReportReadAhead
{
  RegReportCustomerNext next;
  gpointer              next_data;
  GThread              *thread;
  GAsyncQueue          *free_blocks;   /* (owned) of Block, waiting to be filled */
  GAsyncQueue          *full_blocks;   /* (owned) of Block, in the order they were read */
  Block                *current;       /* (nullable) the block being written from */
  guint                 pos;
  gboolean              ended;         /* the end block has been taken */
  gint                  stop;          /* atomic: the writer wants no more */
  Block                 blocks[REG_REPORT_READ_AHEAD_BLOCKS];
};

static void
block_clear (Block *b)
{
  for (guint i = 0; i < b->n; i++)
    reg_report_customer_clear (&b->rows[i]);
  b->n = 0;
  b->end = FALSE;
  g_clear_error (&b->error);
}

static gpointer
read_thread (gpointer data)
{
  RegReportReadAhead *self = data;
  RegNumericScope scope;
  gboolean more = TRUE;

  /* the callback formats figures into text (the reasons): the same C numbers as the writer's
   * thread, which used to call it inside its own scope */
  reg_numeric_scope_enter (&scope);
  while (more)
    {
      Block *b = g_async_queue_pop (self->free_blocks);

      /* the copies are freed here rather than where they were written: the writer has enough
       * to do, and memory goes back to the thread that took it */
      block_clear (b);
      while (b->n < REG_REPORT_READ_AHEAD_BLOCK)
        {
          RegReportCustomer c = { 0 };

          if (g_atomic_int_get (&self->stop) || !self->next (self->next_data, &c, &b->error))
            {
              more = FALSE;
              break;
            }
          reg_report_customer_copy (&c, &b->rows[b->n++]);
        }
      b->end = !more;
      g_async_queue_push (self->full_blocks, b);
    }
  reg_numeric_scope_leave (&scope);
  return NULL;
}

/**
 * reg_report_read_ahead_start:
 * @next: yields the customers; called on the reading thread only, until it returns %FALSE or
 *   reg_report_read_ahead_stop() is called
 * @next_data: for @next; not touched by the calling thread until reg_report_read_ahead_stop()
 *   returns
 * @error: when the thread cannot be started
 *
 * Starts reading ahead. Take the customers with reg_report_read_ahead_next() and always end
 * with reg_report_read_ahead_stop().
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL on error
 */
RegReportReadAhead *
reg_report_read_ahead_start (RegReportCustomerNext next, gpointer next_data, GError **error)
{
  RegReportReadAhead *self = g_new0 (RegReportReadAhead, 1);

  self->next = next;
  self->next_data = next_data;
  self->free_blocks = g_async_queue_new ();
  self->full_blocks = g_async_queue_new ();
  for (guint i = 0; i < REG_REPORT_READ_AHEAD_BLOCKS; i++)
    g_async_queue_push (self->free_blocks, &self->blocks[i]);
  self->thread = g_thread_try_new ("report-reader", read_thread, self, error);
  if (self->thread == NULL)
    {
      g_async_queue_unref (self->free_blocks);
      g_async_queue_unref (self->full_blocks);
      g_free (self);
      return NULL;
    }
  return self;
}

/**
 * reg_report_read_ahead_next: (a #RegReportCustomerNext)
 * @read_ahead: a #RegReportReadAhead
 * @out: (out caller-allocates): the next customer, in the order @next yielded them; its strings
 *   stay valid until the next call
 * @error: what @next reported, after the customers it yielded before
 *
 * Returns: %TRUE when @out was filled, %FALSE at the end or on error.
 */
gboolean
reg_report_read_ahead_next (gpointer read_ahead, RegReportCustomer *out, GError **error)
{
  RegReportReadAhead *self = read_ahead;

  while (self->current == NULL || self->pos >= self->current->n)
    {
      if (self->current != NULL)
        {
          if (self->current->end)
            {
              if (self->current->error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&self->current->error));
                }
              return FALSE;
            }
          g_async_queue_push (self->free_blocks, self->current);
          self->current = NULL;
        }
      if (self->ended)
        return FALSE;
      self->current = g_async_queue_pop (self->full_blocks);
      self->ended = self->current->end;
      self->pos = 0;
    }
  *out = self->current->rows[self->pos++];
  return TRUE;
}

/**
 * reg_report_read_ahead_stop:
 * @read_ahead: (transfer full) (nullable): the reader
 *
 * Stops reading, whether or not every customer was taken, waits for the reading thread and frees
 * what is left.
 */
void
reg_report_read_ahead_stop (RegReportReadAhead *self)
{
  if (self == NULL)
    return;
  g_atomic_int_set (&self->stop, 1);
  /* give the reader room until it hands over its end block: it may be waiting for a free one */
  while (!self->ended)
    {
      if (self->current != NULL)
        g_async_queue_push (self->free_blocks, self->current);
      self->current = g_async_queue_pop (self->full_blocks);
      self->ended = self->current->end;
    }
  g_thread_join (self->thread);
  for (guint i = 0; i < REG_REPORT_READ_AHEAD_BLOCKS; i++)
    block_clear (&self->blocks[i]);
  g_async_queue_unref (self->free_blocks);
  g_async_queue_unref (self->full_blocks);
  g_free (self);
}
