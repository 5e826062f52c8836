/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegWidthWatch: a one-child container that reports its allocated width. The report comes
 * from an idle, never from inside the allocation: what a view changes in answer (columns shown,
 * lines per row) is laid out in the next frame instead of during this one. A view must not
 * let the watch's own width depend on what it changes, or the two would chase each other; the
 * views put the watch where the width is given by the window (a scrolled list, a clamp).
 */
#include "config.h"

#include "reg-width-watch.h"

struct _RegWidthWatch
{
  GtkWidget  parent_instance;

  GtkWidget *child;      /* (nullable) (owned by the widget tree) */
  int        width;      /* reported; -1 before the first allocation */
  int        pending;    /* allocated, not reported yet */
  guint      report_id;
};

enum
{
  PROP_0,
  PROP_CHILD,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RegWidthWatch, reg_width_watch, GTK_TYPE_WIDGET)

static gboolean
report_cb (gpointer user_data)
{
  RegWidthWatch *self = user_data;

  self->report_id = 0;
  if (self->pending != self->width)
    {
      self->width = self->pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
  return G_SOURCE_REMOVE;
}

static void
reg_width_watch_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  RegWidthWatch *self = REG_WIDTH_WATCH (widget);

  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_measure (self->child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

static void
reg_width_watch_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  RegWidthWatch *self = REG_WIDTH_WATCH (widget);

  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
  self->pending = width;
  if (self->pending != self->width && self->report_id == 0)
    self->report_id = g_idle_add_full (GTK_PRIORITY_RESIZE + 1, report_cb, self, NULL);
}

/* expands as its child does */
static void
reg_width_watch_compute_expand (GtkWidget *widget,
                                gboolean  *hexpand,
                                gboolean  *vexpand)
{
  RegWidthWatch *self = REG_WIDTH_WATCH (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
reg_width_watch_dispose (GObject *object)
{
  RegWidthWatch *self = REG_WIDTH_WATCH (object);

  g_clear_handle_id (&self->report_id, g_source_remove);
  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (reg_width_watch_parent_class)->dispose (object);
}

static void
reg_width_watch_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RegWidthWatch *self = REG_WIDTH_WATCH (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_width_watch_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RegWidthWatch *self = REG_WIDTH_WATCH (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      reg_width_watch_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_width_watch_class_init (RegWidthWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_width_watch_dispose;
  object_class->get_property = reg_width_watch_get_property;
  object_class->set_property = reg_width_watch_set_property;
  widget_class->measure = reg_width_watch_measure;
  widget_class->size_allocate = reg_width_watch_size_allocate;
  widget_class->compute_expand = reg_width_watch_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_width_watch_init (RegWidthWatch *self)
{
  self->width = -1;
  self->pending = -1;
}

GtkWidget *
reg_width_watch_new (void)
{
  return g_object_new (REG_TYPE_WIDTH_WATCH, NULL);
}

GtkWidget *
reg_width_watch_get_child (RegWidthWatch *self)
{
  g_return_val_if_fail (REG_IS_WIDTH_WATCH (self), NULL);
  return self->child;
}

void
reg_width_watch_set_child (RegWidthWatch *self,
                           GtkWidget     *child)
{
  g_return_if_fail (REG_IS_WIDTH_WATCH (self));
  g_return_if_fail (child == NULL || gtk_widget_get_parent (child) == NULL);

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
reg_width_watch_get_width (RegWidthWatch *self)
{
  g_return_val_if_fail (REG_IS_WIDTH_WATCH (self), -1);
  return self->width;
}
