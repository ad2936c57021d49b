// LinkedIn's "Add to profile" link for certifications: it opens the learner's profile with the
// form filled in; nothing is sent to LinkedIn until the learner saves it there.
const ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

export interface Certification {
  name: string;
  organizationName: string;
  issued: Date;
  expires?: Date;
  certUrl: string;
  certId: string;
}

export function linkedInAddToProfileUrl(certification: Certification): string {
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: certification.name,
    organizationName: certification.organizationName,
    issueYear: String(certification.issued.getUTCFullYear()),
    issueMonth: String(certification.issued.getUTCMonth() + 1),
  });
  if (certification.expires) {
    params.set('expirationYear', String(certification.expires.getUTCFullYear()));
    params.set('expirationMonth', String(certification.expires.getUTCMonth() + 1));
  }
  params.set('certUrl', certification.certUrl);
  params.set('certId', certification.certId);
  return `${ADD_TO_PROFILE}?${params.toString()}`;
}
