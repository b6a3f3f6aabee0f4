import type { organisationsVi } from "./organisations.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const organisationsEn: Widen<typeof organisationsVi> = {
  title: "Organisations",
  name: "Name",
  kind: "Kind",
  taxCode: "Tax code",
  province: "Province",
  commune: "Commune/ward",
  oldDistrict: "District (old address)",
  address: "Address",
  sector: "Sector",
  foundedOn: "Founded on",
  email: "E-mail",
  phone: "Phone",
  website: "Website",
  description: "About",
  createdAt: "Created",
  members: "Members",
  noMembers: "No account belongs to this organisation yet.",
  newTitle: "Add an organisation",
  editTitle: "Edit organisation",
  created: "Organisation added.",
  saved: "Organisation saved.",
  documents: "Documents",
  noDocuments: "No documents yet.",
  uploadLabel: "Upload a document (PDF, DOCX, PPTX, JPG, PNG; at most {{maxMb}} MB)",
  uploadButton: "Upload",
  uploaded: "Document uploaded.",
  allKinds: "All kinds",
  history: "History",
};
