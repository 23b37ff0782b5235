"use server";
// A call list's controls besides the uploads (which are route handlers: see _server/upload.ts):
// pause, resume, cancel, edit and delete, and cancelling a row or calling it again, all of the page's section (role-matrix.json has no
// finer rows for them).
import { action } from "@/lib/server/action";
import { callRowsAgain, cancelCallList, cancelCallListRows, deleteCallList, editCallList, editCallListRow, pauseCallList, resumeCallList } from "@/lib/domains/call-lists/mutations";
import { notInThePast, ZCallListRef, ZCallRowsAgainInput, ZCancelCallListRowsInput, ZEditCallListInput, ZEditCallListRowInput } from "@/lib/domains/call-lists/schemas";

export const pauseCallListAction = action({ section: "application.call_lists", input: ZCallListRef }, async (input, actor) => {
  const l = await pauseCallList(actor, input);
  return { id: l.id, name: l.name, status: l.status };
});

export const resumeCallListAction = action({ section: "application.call_lists", input: ZCallListRef }, async (input, actor) => {
  const { list } = await resumeCallList(actor, input);
  return { id: list.id, name: list.name, status: list.status };
});

export const cancelCallListAction = action({ section: "application.call_lists", input: ZCallListRef }, async (input, actor) => {
  const l = await cancelCallList(actor, input);
  return { id: l.id, name: l.name, status: l.status, cancelled: l.cancelled };
});

export const editCallListAction = action({ section: "application.call_lists", input: ZEditCallListInput }, async (input, actor) => {
  const l = await editCallList(actor, input);
  return { id: l.id, name: l.name };
});

export const deleteCallListAction = action({ section: "application.call_lists", input: ZCallListRef }, async (input, actor) => {
  await deleteCallList(actor, input);
  return { id: input.listId };
});

export const cancelCallListRowsAction = action({ section: "application.call_lists", input: ZCancelCallListRowsInput }, (input, actor) => cancelCallListRows(actor, input));

export const editCallListRowAction = action({ section: "application.call_lists", input: notInThePast(ZEditCallListRowInput) }, async (input, actor) => {
  const r = await editCallListRow(actor, input);
  return { id: r.id, position: r.position, status: r.status };
});

export const callRowsAgainAction = action({ section: "application.call_lists", input: notInThePast(ZCallRowsAgainInput) }, (input, actor) => callRowsAgain(actor, input));
